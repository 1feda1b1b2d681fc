/**
 * In front of every page and API route (not static files, not OTLP ingest, which checks its own
 * token in the route so its large bodies are never buffered here):
 * 0. before all of that, cross-site API requests are refused (403, or 415 for a body that is not
 *    JSON: lib/http/cross-site.ts) and, under AUTH_MODE=basic, an address with too many failed
 *    logins gets 429 with Retry-After (lib/auth/login-limiter.ts). No answer carries
 *    Access-Control-Allow-*: CORS stays closed.
 * 1. access control by AUTH_MODE (lib/auth), answering 401 with a message when refused (503 when
 *    AUTH_MODE=alb cannot fetch the load balancer's key: nobody gets in, and nobody is told their
 *    sign-in is wrong);
 * 2. the identity headers routes trust (x-sightline-user, x-sightline-access), always set
 *    here, never taken from the client;
 * 3. the Content-Security-Policy: with a fresh nonce for pages, "nothing" for the rest;
 * 4. a path with a malformed %-escape gets a 400 naming it (Next.js's router would answer a bare
 *    500, see lib/http/path-encoding.ts): JSON for the API, a short page for the UI;
 * 5. a trace or snapshot page with a malformed ID is rendered as usual (it says what is accepted)
 *    but with status 400 (lib/http/page-id.ts); an unknown ID's 404 is the page's own notFound().
 */
import { NextResponse, type NextRequest } from "next/server";
import { parseAuthConfig, type AuthConfig } from "./lib/auth/auth-config";
import { AUTH_RETRY_AFTER_S, authorize, isPublic } from "./lib/auth/authorize";
import { ACCESS_HEADER, CLIENT_HEADER, USER_HEADER } from "./lib/auth/identity-headers";
import { isLoopback, listenHost } from "./lib/auth/listen-address";
import { clientAddress, parseLoginLimitConfig, sharedLoginLimiter, type LoginLimiter } from "./lib/auth/login-limiter";
import { checkCrossSite, parsePublicOrigin } from "./lib/http/cross-site";
import { PEER_HEADER } from "./lib/http/peer-address";
import { errorBody } from "./lib/http/api-error";
import { malformedPathMessage, malformedPathSegment } from "./lib/http/path-encoding";
import { PATH_HEADER, isMalformedPageId } from "./lib/http/page-id";
import { NON_PAGE_CONTENT_SECURITY_POLICY, newNonce, pageContentSecurityPolicy } from "./lib/http/content-security-policy";

interface Settings {
  auth: AuthConfig;
  loopback: boolean;
  publicOrigin: string | null;
  trustedProxyHeader: string | null;
  limiter: LoginLimiter;
}
let settings: Settings | undefined;
const currentSettings = (): Settings => {
  if (settings) return settings;
  const login = parseLoginLimitConfig(process.env);
  settings = {
    auth: parseAuthConfig(process.env),
    loopback: isLoopback(listenHost(process.argv, process.env)),
    publicOrigin: parsePublicOrigin(process.env),
    trustedProxyHeader: login.trustedProxyHeader,
    limiter: sharedLoginLimiter(login.limits),
  };
  return settings;
};

const ROBOTS_TAG = "noindex, nofollow";
const isApi = (path: string) => path.startsWith("/api/");
const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function malformedPathAnswer(path: string, segment: string): NextResponse {
  const message = malformedPathMessage(segment);
  const response = isApi(path)
    ? NextResponse.json(errorBody("invalid_path", message), { status: 400 })
    : new NextResponse(
        `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Malformed link · Sightline</title></head><body><main data-testid="path-error"><h1>Malformed link</h1><p>${escapeHtml(message)}</p></main></body></html>`,
        { status: 400, headers: { "content-type": "text/html; charset=utf-8" } },
      );
  response.headers.set("content-security-policy", NON_PAGE_CONTENT_SECURITY_POLICY);
  response.headers.set("x-robots-tag", ROBOTS_TAG);
  return response;
}

/** A refusal that is not the route's business: JSON for the API, text for pages; never cached, never CORS-permitted. */
function refusal(path: string, status: number, code: string, message: string, extra: Record<string, string> = {}): NextResponse {
  const response = isApi(path)
    ? NextResponse.json(errorBody(code, message), { status })
    : new NextResponse(`${status} — ${message}\n`, { status, headers: { "content-type": "text/plain; charset=utf-8" } });
  for (const [k, v] of Object.entries(extra)) response.headers.set(k, v);
  response.headers.set("content-security-policy", NON_PAGE_CONTENT_SECURITY_POLICY);
  response.headers.set("cache-control", "no-store");
  response.headers.set("x-robots-tag", ROBOTS_TAG);
  return response;
}

export async function proxy(request: NextRequest): Promise<NextResponse> {
  // As sent (still %-encoded): the malformed-escape check needs the raw form.
  const path = new URL(request.url).pathname;
  const { auth, loopback, publicOrigin, trustedProxyHeader, limiter } = currentSettings();
  const header = (name: string) => request.headers.get(name);

  const crossSite = checkCrossSite({ method: request.method, path, header }, publicOrigin);
  if (!crossSite.allow) return refusal(path, crossSite.status, crossSite.code, crossSite.message);

  const now = Date.now();
  const client = clientAddress(header, header(PEER_HEADER), trustedProxyHeader);
  const address = auth.mode === "basic" && !isPublic(path) ? client : null;
  if (address !== null) {
    const limit = limiter.check(address, now);
    if (!limit.allowed) {
      return refusal(path, 429, "too_many_failed_logins", `Too many failed logins from this address: try again in ${limit.retryAfterSeconds} s.`, {
        "retry-after": String(limit.retryAfterSeconds),
      });
    }
  }

  const decision = await authorize({ path, header }, auth, loopback);

  if (!decision.allow) {
    // Counted; the failure that reaches the limit is still a 401, the next request a 429.
    if (decision.failedLogin && address !== null) limiter.recordFailure(address, now);
    const extra: Record<string, string> = decision.challenge ? { "www-authenticate": decision.challenge } : {};
    if (decision.status === 503) extra["retry-after"] = String(AUTH_RETRY_AFTER_S);
    return refusal(path, decision.status, decision.code, decision.message, extra);
  }

  const malformed = malformedPathSegment(path);
  if (malformed !== null) return malformedPathAnswer(path, malformed);

  const headers = new Headers(request.headers);
  headers.delete(USER_HEADER);
  headers.set(PATH_HEADER, path);
  headers.delete(PEER_HEADER);
  headers.set(CLIENT_HEADER, client);
  if (decision.user !== null) headers.set(USER_HEADER, decision.user);
  headers.set(ACCESS_HEADER, decision.access);

  let csp = NON_PAGE_CONTENT_SECURITY_POLICY;
  if (!isApi(path)) {
    const nonce = newNonce();
    csp = pageContentSecurityPolicy(nonce, process.env.NODE_ENV === "development");
    headers.set("x-nonce", nonce);
    headers.set("content-security-policy", csp);
  }
  // The page renders as usual with the status given here. (Not a rewrite: under `next start -H`,
  // Next.js 16 takes a rewrite to its own URL for an external one and fails to proxy it.)
  const response = NextResponse.next({ request: { headers }, status: isMalformedPageId(path) ? 400 : 200 });
  response.headers.set("content-security-policy", csp);
  // Shared trace links must never be crawled into running queries (also in next.config.js for static files).
  response.headers.set("x-robots-tag", ROBOTS_TAG);
  return response;
}

export const config = {
  // Not the icons and the web app manifest either: a phone fetches them without the login (a
  // manifest is fetched without credentials), and they say nothing but the app's name.
  matcher: ["/((?!_next/static|_next/image|favicon.ico|apple-touch-icon.png|icon-192.png|icon-512.png|manifest.webmanifest|v1/).*)"],
};
