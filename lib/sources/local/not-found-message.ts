/**
 * The words for "no such trace": what was searched, and — from the start time inside an
 * X-Ray-style ID — whether the trace is probably past retention or simply not here.
 */
import type { ParsedTraceId } from "../../trace-id";

export function traceNotFoundMessage(id: ParsedTraceId, retentionMs: number, now: number): string {
  const days = Math.round(retentionMs / 86_400_000);
  const searched = `No trace ${id.xray} in the embedded store, which keeps the last ${days} day${days === 1 ? "" : "s"} (from ${new Date(now - retentionMs).toISOString()} to now).`;
  const startedMs = id.epochSeconds * 1000;
  // Only trust the embedded second when it is a plausible time (X-Ray-style IDs); W3C IDs are random.
  const plausible = startedMs > Date.UTC(2015, 0, 1) && startedMs < now + 86_400_000;
  if (!plausible) return searched;
  const started = new Date(startedMs).toISOString();
  if (now - startedMs > retentionMs) return `${searched} Its ID says it started at ${started}: older than the retention, so it has probably been pruned.`;
  return `${searched} Its ID says it started at ${started}; its spans never reached this store.`;
}
