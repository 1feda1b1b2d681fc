/**
 * Whether a request may go on, and as whom. The proxy (proxy.ts) gives it the request's path and
 * headers and the settings, and acts on the decision. Pure but for AUTH_MODE=alb, which may fetch
 * the load balancer's public key (lib/auth/alb-keys.ts): hence async.
 */
import { ALB_DATA_HEADER, verifyAlbToken } from "./alb-jwt";
import { sharedAlbKeys, type AlbKeySource } from "./alb-keys";
import type { AuthConfig } from "./auth-config";
import { secretsEqual } from "./constant-time";
import type { Access } from "./identity-headers";

export type Decision =
  | { allow: true; access: Access; user: string | null }
  | {
      allow: false;
      /** "auth_unavailable" (503): the login could not be checked right now (alb: the key service is unreachable). */
      code: "unauthenticated" | "auth_unavailable";
      status: 401 | 503;
      message: string;
      /** WWW-Authenticate, for basic */ challenge?: string;
      /** basic: credentials were given and were wrong (counted by lib/auth/login-limiter.ts). */ failedLogin?: true;
    };

export interface RequestFacts {
  path: string;
  header(name: string): string | null;
}

/** Retry-After of a 503 "the login could not be checked": the key service had a hiccup, or is down. */
export const AUTH_RETRY_AFTER_S = 5;
export const BASIC_CHALLENGE = 'Basic realm="Sightline", charset="UTF-8"';
const MAX_USER = 200;

/** Open to everyone in every mode: liveness and readiness (probed by load balancers and orchestrators), and robots.txt (it says "nothing here"). */
export const isPublic = (path: string) => path === "/api/health" || path === "/api/ready" || path === "/robots.txt";
const isIngestPath = (path: string) => path === "/v1/traces" || path === "/v1/logs";

/** `albKeys`: where AUTH_MODE=alb gets the load balancer's keys (the tests give their own). */
export async function authorize(req: RequestFacts, cfg: AuthConfig, listensOnLoopback: boolean, albKeys?: AlbKeySource): Promise<Decision> {
  if (isPublic(req.path)) return { allow: true, access: "open", user: null };

  if (cfg.ingestToken && isIngestPath(req.path)) {
    const token = bearerToken(req.header("authorization"));
    if (token !== null && secretsEqual(token, cfg.ingestToken)) return { allow: true, access: "token", user: null };
    return {
      allow: false,
      code: "unauthenticated",
      status: 401,
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
      if (given)
        return { allow: false, code: "unauthenticated", status: 401, message: "Wrong user name or password.", challenge: BASIC_CHALLENGE, failedLogin: true };
      return { allow: false, code: "unauthenticated", status: 401, message: "Sign in to Sightline.", challenge: BASIC_CHALLENGE };
    }
    case "proxy": {
      const user = req.header(cfg.proxyHeader)?.trim() ?? "";
      if (user) return { allow: true, access: "proxy", user: user.slice(0, MAX_USER) };
      return {
        allow: false,
        code: "unauthenticated",
        status: 401,
        message: `Sign in through the authenticating proxy: the request has no ${cfg.proxyHeader} header.`,
      };
    }
    case "alb": {
      const alb = cfg.alb!;
      const verdict = await verifyAlbToken(req.header(ALB_DATA_HEADER), alb.arns, albKeys ?? sharedAlbKeys(alb.keyUrl));
      if (verdict.ok) return { allow: true, access: "alb", user: verdict.user };
      const message = `Sign in through the load balancer: the ${ALB_DATA_HEADER} header ${verdict.reason}.`;
      return verdict.unavailable
        ? { allow: false, code: "auth_unavailable", status: 503, message }
        : { allow: false, code: "unauthenticated", status: 401, message };
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
