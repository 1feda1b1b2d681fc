/**
 * The TCP peer's address, for the request proxy (proxy.ts), which Next.js gives no socket: at
 * start-up the request observer (lib/http/request-observer.ts, subscribed to Node's
 * `http.server.request.start` diagnostics channel) writes each request's `socket.remoteAddress`
 * into PEER_HEADER before Next.js sees the request, overwriting whatever a client sent under that
 * name. Next.js' own X-Forwarded-For is no substitute: it keeps the client's value when one is
 * sent, so anyone could choose their address. Behind a trusted proxy, TRUSTED_PROXY_HEADER names
 * the header to read instead (lib/auth/login-limiter.ts, clientAddress).
 */
export const PEER_HEADER = "x-sightline-peer";
