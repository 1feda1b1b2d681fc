/**
 * Whether a request may go on, and as whom. Pure: the proxy (proxy.ts) gives it the request's
 * path and headers and the settings, and acts on the decision.
 */
import type { AuthConfig } from "./auth-config";
import { secretsEqual } from "./constant-time";
import type { Access } from "./identity-headers";

export type Decision =
  | { allow: true; access: Access; user: string | null }
  | {
      allow: false;
      code: "unauthenticated";
      message: string;
      /** WWW-Authenticate, for basic */ challenge?: string;
      /** basic: credentials were given and were wrong (counted by lib/auth/login-limiter.ts). */ failedLogin?: true;
    };

export interface RequestFacts {
  path: string;
  header(name: string): string | null;
}

export const BASIC_CHALLENGE = 'Basic realm="Sightline", charset="UTF-8"';
const MAX_USER = 200;

/** Open to everyone in every mode: liveness and readiness (probed by load balancers and orchestrators), and robots.txt (it says "nothing here"). */
export const isPublic = (path: string) => path === "/api/health" || path === "/api/ready" || path === "/robots.txt";
const isIngestPath = (path: string) => path === "/v1/traces" || path === "/v1/logs";

export function authorize(req: RequestFacts, cfg: AuthConfig, listensOnLoopback: boolean): Decision {
  if (isPublic(req.path)) return { allow: true, access: "open", user: null };

  if (cfg.ingestToken && isIngestPath(req.path)) {
    const token = bearerToken(req.header("authorization"));
    if (token !== null && secretsEqual(token, cfg.ingestToken)) return { allow: true, access: "token", user: null };
    return {
      allow: false,
      code: "unauthenticated",
      message: token === null ? "OTLP ingest needs `Authorization: Bearer <INGEST_TOKEN>`." : "The ingest bearer token is wrong.",
    };
  }

  switch (cfg.mode) {
    case "none":
      return { allow: true, access: listensOnLoopback ? "local" : "open", user: null };
    case "basic": {
      const given = basicCredentials(req.header("authorization"));
      // Both comparisons always run: the time taken says nothing about which one failed.
      const userOk = secretsEqual(given?.user ?? "", cfg.basic!.user);
      const passwordOk = secretsEqual(given?.password ?? "", cfg.basic!.password);
      if (given && userOk && passwordOk) return { allow: true, access: "basic", user: given.user };
      if (given) return { allow: false, code: "unauthenticated", message: "Wrong user name or password.", challenge: BASIC_CHALLENGE, failedLogin: true };
      return { allow: false, code: "unauthenticated", message: "Sign in to Sightline.", challenge: BASIC_CHALLENGE };
    }
    case "proxy": {
      const user = req.header(cfg.proxyHeader)?.trim() ?? "";
      if (user) return { allow: true, access: "proxy", user: user.slice(0, MAX_USER) };
      return { allow: false, code: "unauthenticated", message: `Sign in through the authenticating proxy: the request has no ${cfg.proxyHeader} header.` };
    }
  }
}

export function bearerToken(authorization: string | null): string | null {
  const m = /^Bearer[ ]+(\S+)\s*$/i.exec(authorization ?? "");
  return m ? m[1] : null;
}

export function basicCredentials(authorization: string | null): { user: string; password: string } | null {
  const m = /^Basic[ ]+([A-Za-z0-9+/]+={0,2})\s*$/i.exec(authorization ?? "");
  if (!m) return null;
  const decoded = Buffer.from(m[1], "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  if (colon < 0) return null;
  return { user: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}
