/**
 * The status badge's words. A code is named only when it is the span's own HTTP status and of the
 * badge's class: a span marked throttled whose answer was a 201 (a retried 429 underneath, or a
 * flag set by hand) reads "Throttle" beside "HTTP 201", never "Throttle 429".
 */
import type { SpanStatus } from "../model";

const NAMES: Record<SpanStatus, string> = { ok: "OK", error: "Error", fault: "Fault", throttle: "Throttle" };

function ofClass(status: SpanStatus, http: number): boolean {
  if (status === "throttle") return http === 429;
  if (status === "error") return http >= 400 && http < 500 && http !== 429;
  if (status === "fault") return http >= 500 && http < 600;
  return false;
}

export function statusLabel(status: SpanStatus, httpStatus: number | null = null): string {
  const name = NAMES[status];
  return httpStatus !== null && ofClass(status, httpStatus) ? `${name} ${httpStatus}` : name;
}

/** What the class means, for the badge's tooltip. */
export const STATUS_MEANING: Record<SpanStatus, string> = {
  ok: "OK: no error",
  error: "Error: a client error (HTTP 4xx)",
  fault: "Fault: a server error (HTTP 5xx)",
  throttle: "Throttle: throttled (HTTP 429)",
};
