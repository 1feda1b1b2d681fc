/**
 * In front of every page and API route (not static files, not OTLP ingest, which checks its own
 * token in the route so its large bodies are never buffered here):
 * 1. access control by AUTH_MODE (lib/auth), answering 401 with a message when refused;
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
import { authorize } from "./lib/auth/authorize";
import { ACCESS_HEADER, USER_HEADER } from "./lib/auth/identity-headers";
import { isLoopback, listenHost } from "./lib/auth/listen-address";
import { errorBody } from "./lib/http/api-error";
import { malformedPathMessage, malformedPathSegment } from "./lib/http/path-encoding";
import { PATH_HEADER, isMalformedPageId } from "./lib/http/page-id";
import { NON_PAGE_CONTENT_SECURITY_POLICY, newNonce, pageContentSecurityPolicy } from "./lib/http/content-security-policy";

let settings: { auth: AuthConfig; loopback: boolean } | undefined;
const currentSettings = () => (settings ??= { auth: parseAuthConfig(process.env), loopback: isLoopback(listenHost(process.argv, process.env)) });

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
  return response;
}

export function proxy(request: NextRequest): NextResponse {
  // As sent (still %-encoded): the malformed-escape check needs the raw form.
  const path = new URL(request.url).pathname;
  const { auth, loopback } = currentSettings();
  const decision = authorize({ path, header: (name) => request.headers.get(name) }, auth, loopback);

  if (!decision.allow) {
    const response = isApi(path)
      ? NextResponse.json(errorBody(decision.code, decision.message), { status: 401 })
      : new NextResponse(`401 — ${decision.message}\n`, { status: 401, headers: { "content-type": "text/plain; charset=utf-8" } });
    if (decision.challenge) response.headers.set("www-authenticate", decision.challenge);
    response.headers.set("content-security-policy", NON_PAGE_CONTENT_SECURITY_POLICY);
    response.headers.set("cache-control", "no-store");
    return response;
  }

  const malformed = malformedPathSegment(path);
  if (malformed !== null) return malformedPathAnswer(path, malformed);

  const headers = new Headers(request.headers);
  headers.delete(USER_HEADER);
  headers.set(PATH_HEADER, path);
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
  return response;
}

export const config = {
  matcher: ["/((?!_next/static|_next/image|favicon.ico|v1/).*)"],
};
