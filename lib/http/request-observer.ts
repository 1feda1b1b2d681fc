/**
 * What happens to every request the Node.js server takes, before Next.js sees it: a subscriber
 * to Node's `http.server.request.start` diagnostics channel (installed once, at start-up, by
 * instrumentation.ts) that
 *
 * 1. stamps the TCP peer's address (lib/http/peer-address.ts);
 * 2. gives the request an ID — the client's `X-Request-Id` when it is a short safe token (a load
 *    balancer's or a caller's), else a new UUID — that the response carries back and every log
 *    line of the request names;
 * 3. compresses the response by Accept-Encoding (br, gzip, deflate; the `compression` package,
 *    for every compressible type over 1 KiB). Next.js' own `compress` (off in next.config.js)
 *    gzips pages but not route handlers' JSON (it sets their Content-Type as an array, which the
 *    middleware's filter does not take for compressible), and a route handler cannot compress its
 *    own answer (Next.js drops its Content-Encoding);
 * 4. when the response is finished (or the client went away), counts it in /metrics by route
 *    template and status, and writes one log line for it.
 */
import { randomUUID } from "node:crypto";
import { subscribe } from "node:diagnostics_channel";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Socket } from "node:net";
import { constants } from "node:zlib";
import compression from "compression";
import { log } from "../log/logger";
import { metrics } from "../metrics/metrics";
import { routeLabel } from "../metrics/route-label";
import { PEER_HEADER } from "./peer-address";

export const REQUEST_ID_HEADER = "x-request-id";
const SAFE_REQUEST_ID = /^[A-Za-z0-9][A-Za-z0-9._:@/+=-]{0,127}$/;

/** The client's request ID when it is safe to echo and log, else a new one. */
export function requestIdFor(given: string | string[] | undefined): string {
  const value = Array.isArray(given) ? given[0] : given;
  return value !== undefined && SAFE_REQUEST_ID.test(value) ? value : randomUUID();
}

/**
 * Brotli at quality 4 (compression's default; 11, zlib's, takes seconds on a large trace) with a
 * 256 KB window (2^18; the default 4 MB window took twice the CPU for a slightly larger answer on
 * trace JSON, whose repeats are near each other), and gzip at level 6: bench/compression.ts has
 * the sizes and times on a 100,000-span trace.
 */
export const BROTLI_PARAMS = { [constants.BROTLI_PARAM_QUALITY]: 4, [constants.BROTLI_PARAM_LGWIN]: 18 };

const compress = compression({
  threshold: 1024,
  level: 6,
  brotli: { params: BROTLI_PARAMS },
  filter: (req, res) => {
    // Next.js sets a route handler's headers as one-element arrays, which compression's own filter
    // takes for "not compressible" (and which is why Next.js' compression skips route handlers).
    const header = res.getHeader("content-type");
    if (Array.isArray(header)) res.setHeader("content-type", header.join(", "));
    const type = String(res.getHeader("content-type") ?? "");
    // A stream of events must reach the browser as it is written, not when a block fills.
    if (type.startsWith("text/event-stream")) return false;
    return compression.filter(req, res);
  },
});

const noop = () => undefined;

/**
 * A client that goes away mid-answer leaves compression's zlib stream open past GC (Next.js works
 * around the same in next/dist/server/lib/release-compression-stream.js): `res.on("drain")` is
 * delegated to that stream and returns it, which is how it can be reached to be destroyed.
 */
function releaseCompressionStream(res: ServerResponse): void {
  const stream: unknown = res.on("drain", noop);
  res.off("drain", noop);
  if (stream !== res && stream && typeof (stream as { destroy?: unknown }).destroy === "function") (stream as { destroy(): void }).destroy();
}

export function observeRequest(request: IncomingMessage, response: ServerResponse, socket: Socket | undefined): void {
  const started = process.hrtime.bigint();
  request.headers[PEER_HEADER] = socket?.remoteAddress ?? "unknown";
  const id = requestIdFor(request.headers[REQUEST_ID_HEADER]);
  request.headers[REQUEST_ID_HEADER] = id;
  response.setHeader(REQUEST_ID_HEADER, id);

  compress(request as Parameters<typeof compress>[0], response as Parameters<typeof compress>[1], noop);

  let done = false;
  const finish = () => {
    if (done) return;
    done = true;
    if (!response.writableFinished) releaseCompressionStream(response);
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const route = routeLabel(request.url ?? "/");
    const method = request.method ?? "GET";
    // A client that left before the answer was sent: 499, as nginx logs it.
    const status = response.writableFinished ? response.statusCode : 499;
    const m = metrics();
    m.httpRequests.inc({ route, method, status: String(status) });
    m.httpDuration.observe({ route, method }, seconds);
    if (route === "/_next/static" || route === "/api/health" || route === "/api/ready") return;
    log().info("request", {
      requestId: id,
      method,
      route,
      status,
      ms: Math.round(seconds * 10_000) / 10,
      encoding: String(response.getHeader("content-encoding") ?? "identity"),
    });
  };
  response.once("finish", finish);
  response.once("close", finish);
}

const INSTALLED = Symbol.for("sightline.requestObserver");

export function installRequestObserver(): void {
  const g = globalThis as typeof globalThis & { [INSTALLED]?: true };
  if (g[INSTALLED]) return;
  g[INSTALLED] = true;
  subscribe("http.server.request.start", (message) => {
    const { request, response, socket } = message as { request: IncomingMessage; response: ServerResponse; socket?: Socket };
    observeRequest(request, response, socket);
  });
}
