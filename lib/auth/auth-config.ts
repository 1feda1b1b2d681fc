/**
 * Access control settings, validated once (bad ones stop start-up with one line, like every other
 * setting). No server-only import: the request proxy (proxy.ts) reads them too.
 *
 * - AUTH_MODE=none (default): no login. Meant for a laptop; start-up warns loudly when the
 *   server listens on anything but loopback.
 * - AUTH_MODE=basic: HTTP Basic with AUTH_BASIC_USER / AUTH_BASIC_PASSWORD, compared in
 *   constant time.
 * - AUTH_MODE=proxy: an authenticating reverse proxy (oauth2-proxy, Pomerium, …) sets
 *   AUTH_PROXY_HEADER (default X-Forwarded-User) to the signed-in user; requests without it are
 *   refused. Only safe when nothing but the proxy can reach Sightline.
 * - AUTH_MODE=alb: behind an AWS Application Load Balancer that authenticates users (OIDC or
 *   Cognito). The user is whoever the ALB's signed x-amzn-oidc-data token says, once its ES256
 *   signature is verified and its signer is one of ALB_ARN (lib/auth/alb-jwt.ts); keys come from
 *   ALB_KEY_URL, else AWS's key service for the ARN's region.
 * - INGEST_TOKEN: when set, POST /v1/traces and /v1/logs take `Authorization: Bearer <token>`
 *   instead of the mode above (collectors do not log in); when unset they follow AUTH_MODE.
 */
import { ConfigError } from "../config-error";
import { checkKeyUrl, defaultKeyBase, parseAlbArn } from "./alb-arn";

type AuthMode = "none" | "basic" | "proxy" | "alb";
const MODES: readonly string[] = ["none", "basic", "proxy", "alb"];

export interface AuthConfig {
  mode: AuthMode;
  /** Set exactly when mode is "basic". */
  basic: { user: string; password: string } | null;
  /** Lower-case header name carrying the user in proxy mode. */
  proxyHeader: string;
  /** Set exactly when mode is "alb": the load balancers whose tokens are trusted, and ALB_KEY_URL (null: AWS's, per region). */
  alb: { arns: string[]; keyUrl: string | null } | null;
  ingestToken: string | null;
}

const MIN_PASSWORD = 12;
const MIN_TOKEN = 16;
/** RFC 9110 token characters: what a header name may contain. */
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

const fail = (message: string): never => {
  throw new ConfigError(`Invalid configuration: ${message}`);
};

export function parseAuthConfig(env: Record<string, string | undefined>): AuthConfig {
  const rawMode = (env.AUTH_MODE ?? "").trim() || "none";
  if (!MODES.includes(rawMode)) fail(`AUTH_MODE must be "none", "basic", "proxy" or "alb", got "${rawMode.slice(0, 40)}"`);
  const mode = rawMode as AuthMode;

  let basic: AuthConfig["basic"] = null;
  if (mode === "basic") {
    const user = env.AUTH_BASIC_USER ?? "";
    const password = env.AUTH_BASIC_PASSWORD ?? "";
    if (!user) fail("AUTH_MODE=basic needs AUTH_BASIC_USER");
    if (user.includes(":")) fail("AUTH_BASIC_USER must not contain ':'");
    if (password.length < MIN_PASSWORD) fail(`AUTH_MODE=basic needs AUTH_BASIC_PASSWORD of at least ${MIN_PASSWORD} characters`);
    basic = { user, password };
  }

  const alb = mode === "alb" ? parseAlbSettings(env) : null;

  const proxyHeader = (env.AUTH_PROXY_HEADER ?? "").trim() || "x-forwarded-user";
  if (!HEADER_NAME.test(proxyHeader)) fail(`AUTH_PROXY_HEADER must be a header name, got "${proxyHeader.slice(0, 40)}"`);

  const token = env.INGEST_TOKEN ?? "";
  if (token && token.length < MIN_TOKEN) fail(`INGEST_TOKEN must be at least ${MIN_TOKEN} characters`);
  if (/\s/.test(token)) fail("INGEST_TOKEN must not contain whitespace");

  return { mode, basic, proxyHeader: proxyHeader.toLowerCase(), alb, ingestToken: token || null };
}

function parseAlbSettings(env: Record<string, string | undefined>): NonNullable<AuthConfig["alb"]> {
  const given = (env.ALB_ARN ?? "")
    .split(",")
    .map((a) => a.trim())
    .filter(Boolean);
  if (given.length === 0)
    return fail("AUTH_MODE=alb needs ALB_ARN, the load balancer's ARN (arn:aws:elasticloadbalancing:REGION:ACCOUNT:loadbalancer/app/NAME/ID)");
  const arns = given.map(
    (arn) =>
      parseAlbArn(arn) ??
      fail(`ALB_ARN must be Application Load Balancer ARNs (arn:aws:elasticloadbalancing:REGION:ACCOUNT:loadbalancer/app/NAME/ID), got "${arn.slice(0, 120)}"`),
  );

  const rawUrl = (env.ALB_KEY_URL ?? "").trim();
  if (!rawUrl) {
    const unknown = arns.find((a) => defaultKeyBase(a) === null);
    if (unknown) return fail(`ALB_KEY_URL is needed for ${unknown.arn.slice(0, 120)}: AWS documents no key service for its partition`);
    return { arns: arns.map((a) => a.arn), keyUrl: null };
  }
  const checked = checkKeyUrl(rawUrl);
  if ("error" in checked) return fail(`ALB_KEY_URL ${checked.error}, got "${rawUrl.slice(0, 120)}"`);
  return { arns: arns.map((a) => a.arn), keyUrl: checked.url };
}
