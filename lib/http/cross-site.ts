/**
 * Cross-site request refusal for the API. Pure: the proxy (proxy.ts) gives it the request's
 * method, path and headers and acts on the decision.
 *
 * A signed-in browser attaches its credentials (cached Basic credentials, a proxy's cookie) to
 * requests another site makes it send: a form post (enctype text/plain carries a crafted JSON
 * body), `fetch(…, { mode: "no-cors" })`, an image or a link. So every state-changing API request
 * (POST, PUT, PATCH, DELETE on /api/*) must come from Sightline's own pages:
 *
 * - `Sec-Fetch-Site`, when present, must be `same-origin` (browsers set it; scripts and CLIs
 *   send none);
 * - `Origin`, when present, must be the server's own origin (the scheme the request came in on
 *   and its Host header) or PUBLIC_URL's (behind a proxy that rewrites Host or ends TLS);
 *   `Origin: null` (a sandboxed frame, a data: URL, a cross-origin redirect) is refused;
 * - a request with a body must say `Content-Type: application/json`: no HTML form can send that
 *   type, and a cross-origin fetch cannot send it without a CORS preflight, which gets no
 *   permission here.
 *
 * OTLP ingest (/v1/*) keeps its own rules: exporters send no Origin, and it has its own token.
 */
import { ConfigError } from "../config-error";

export type CrossSiteDecision =
  { allow: true } | { allow: false; status: 403 | 415; code: "cross_site_request" | "cors_preflight_refused" | "unsupported_media_type"; message: string };

export interface CrossSiteFacts {
  method: string;
  path: string;
  header(name: string): string | null;
}

const STATE_CHANGING_METHODS: ReadonlySet<string> = new Set(["POST", "PUT", "PATCH", "DELETE"]);
const BODY_METHODS: ReadonlySet<string> = new Set(["POST", "PUT", "PATCH"]);

const isApi = (path: string) => path === "/api" || path.startsWith("/api/");
const clip = (s: string) => JSON.stringify(s.length > 80 ? `${s.slice(0, 80)}…` : s);

/**
 * The origin of PUBLIC_URL (the address users open Sightline at, behind a proxy), or null when
 * unset. Not an absolute http(s) URL: a ConfigError naming the variable.
 */
export function parsePublicOrigin(env: Record<string, string | undefined>): string | null {
  const raw = (env.PUBLIC_URL ?? "").trim();
  if (!raw) return null;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(`Invalid configuration: PUBLIC_URL must be an absolute http(s) URL such as https://sightline.example.com, got "${raw.slice(0, 80)}"`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:")
    throw new ConfigError(`Invalid configuration: PUBLIC_URL must start with http:// or https://, got "${raw.slice(0, 80)}"`);
  return url.origin;
}

/** The origin the request was addressed to: X-Forwarded-Proto's scheme (Next.js sets it) and the Host header. */
export function requestOrigin(header: (name: string) => string | null): string | null {
  const host = header("host")?.trim();
  if (!host) return null;
  const proto = (header("x-forwarded-proto") ?? "http").split(",")[0].trim().toLowerCase() === "https" ? "https" : "http";
  try {
    return new URL(`${proto}://${host}`).origin;
  } catch {
    return null;
  }
}

/** `application/json`, with parameters (charset) allowed; nothing else (no +json variants, no text/plain). */
export function isJsonContentType(value: string | null): boolean {
  if (value === null) return false;
  return value.split(";")[0].trim().toLowerCase() === "application/json";
}

/** Whether the request is a CORS preflight (OPTIONS with Access-Control-Request-Method). */
const isPreflight = (facts: CrossSiteFacts) => facts.method.toUpperCase() === "OPTIONS" && facts.header("access-control-request-method") !== null;

export function checkCrossSite(facts: CrossSiteFacts, publicOrigin: string | null): CrossSiteDecision {
  if (!isApi(facts.path)) return { allow: true };
  const method = facts.method.toUpperCase();

  if (isPreflight(facts)) {
    return {
      allow: false,
      status: 403,
      code: "cors_preflight_refused",
      message: "CORS preflight refused: Sightline's API answers only its own pages (no cross-origin requests are allowed).",
    };
  }
  if (!STATE_CHANGING_METHODS.has(method)) return { allow: true };

  const site = facts.header("sec-fetch-site");
  if (site !== null && site.trim().toLowerCase() !== "same-origin") {
    return {
      allow: false,
      status: 403,
      code: "cross_site_request",
      message: `Sec-Fetch-Site: ${clip(site)} — a ${method} to the API must come from Sightline's own pages (same-origin); cross-site requests are refused.`,
    };
  }

  const origin = facts.header("origin");
  if (origin !== null) {
    const own = [requestOrigin(facts.header), publicOrigin].filter((o): o is string => o !== null);
    let given: string | null = null;
    try {
      given = origin.trim() === "null" ? null : new URL(origin.trim()).origin;
    } catch {
      given = null;
    }
    if (given === null || !own.includes(given)) {
      return {
        allow: false,
        status: 403,
        code: "cross_site_request",
        message: `Origin: ${clip(origin)} is not Sightline's own origin (${own.join(" or ") || "unknown"}); cross-site ${method} requests are refused. Behind a proxy, set PUBLIC_URL to the address users open.`,
      };
    }
  }

  if (BODY_METHODS.has(method) && !isJsonContentType(facts.header("content-type"))) {
    const given = facts.header("content-type");
    return {
      allow: false,
      status: 415,
      code: "unsupported_media_type",
      message: `Content-Type: ${given === null ? "none" : clip(given)} — the API takes JSON only: send Content-Type: application/json.`,
    };
  }
  return { allow: true };
}
