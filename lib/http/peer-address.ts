/**
 * The TCP peer's address, for the request proxy (proxy.ts), which Next.js gives no socket: at
 * start-up (instrumentation.ts) a subscriber to Node's `http.server.request.start` diagnostics
 * channel writes each request's `socket.remoteAddress` into PEER_HEADER before Next.js sees the
 * request, overwriting whatever a client sent under that name. Next.js' own X-Forwarded-For is
 * no substitute: it keeps the client's value when one is sent, so anyone could choose their
 * address. Behind a trusted proxy, TRUSTED_PROXY_HEADER names the header to read instead
 * (lib/auth/login-limiter.ts, clientAddress).
 */
import { subscribe } from "node:diagnostics_channel";
import type { IncomingMessage } from "node:http";
import type { Socket } from "node:net";

export const PEER_HEADER = "x-sightline-peer";

const INSTALLED = Symbol.for("sightline.peerAddressStamp");

export function installPeerAddressStamp(): void {
  const g = globalThis as typeof globalThis & { [INSTALLED]?: true };
  if (g[INSTALLED]) return;
  g[INSTALLED] = true;
  subscribe("http.server.request.start", (message) => {
    const { request, socket } = message as { request: IncomingMessage; socket: Socket };
    request.headers[PEER_HEADER] = socket?.remoteAddress ?? "unknown";
  });
}
