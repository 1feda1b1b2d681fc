/**
 * fetch, retried once when the connection was reset before any answer. Node's HTTP server closes a
 * keep-alive connection after 5 s idle; a client that picks that connection at the same moment
 * (more likely when its own event loop lags, as under load) gets ECONNRESET. Browsers retry such a
 * request on a fresh connection (RFC 9112 §9.3.1, for idempotent requests), and OTLP exporters
 * retry connection failures; OTLP ingest is idempotent here (a re-sent span is not stored twice).
 * The retries are counted, so a report can show them.
 */

const RESET_CODES = new Set(["ECONNRESET", "UND_ERR_SOCKET", "EPIPE"]);

/** True for fetch's "fetch failed" whose cause is a reset or closed socket. */
export function isConnectionReset(err: unknown): boolean {
  const cause = (err as { cause?: { code?: unknown } } | null)?.cause;
  return typeof cause?.code === "string" && RESET_CODES.has(cause.code);
}

export const resets = { retried: 0 };

export async function fetchRetryingReset(url: string, init?: RequestInit): Promise<Response> {
  try {
    return await fetch(url, init);
  } catch (err) {
    if (!isConnectionReset(err)) throw err;
    resets.retried++;
    return await fetch(url, init);
  }
}
