import type { Span, Trace } from "../../model";
import { toXRay } from "../../trace-id";

/** A trace of the store's spans (in start order; the last to end may be any of them); null for none. */
export function traceFromSpans(traceIdHex: string, spans: Span[]): Trace | null {
  if (spans.length === 0) return null;
  const startTime = spans[0].startTime;
  const endTime = spans.reduce((end, s) => Math.max(end, s.endTime), startTime);
  return {
    traceId: traceIdHex,
    xrayTraceId: toXRay(traceIdHex) ?? traceIdHex,
    startTime,
    endTime,
    durationMs: endTime - startTime,
    spans,
    services: [...new Set(spans.map((s) => s.service))],
  };
}
