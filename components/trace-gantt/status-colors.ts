import type { SpanStatus } from "@/lib/model";

/** The field's health colours: OK green, 4xx yellow, 5xx red, 429 purple. */
export const STATUS_FILL: Record<SpanStatus, string> = {
  ok: "#16a34a",
  error: "#eab308",
  fault: "#dc2626",
  throttle: "#9333ea",
};

export const STATUS_SHORT: Record<SpanStatus, string> = { ok: "", error: "4xx", fault: "5xx", throttle: "429" };
