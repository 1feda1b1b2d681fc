import type { SpanStatus } from "@/lib/model";

// The field's colours: OK green, 4xx error yellow, 5xx fault red, 429 throttle purple.
const STYLES: Record<SpanStatus, string> = {
  ok: "bg-emerald-100 text-emerald-800 dark:bg-emerald-900/50 dark:text-emerald-300",
  error: "bg-amber-100 text-amber-900 dark:bg-amber-900/50 dark:text-amber-300",
  fault: "bg-red-100 text-red-800 dark:bg-red-900/50 dark:text-red-300",
  throttle: "bg-purple-100 text-purple-800 dark:bg-purple-900/50 dark:text-purple-300",
};

const LABELS: Record<SpanStatus, string> = { ok: "OK", error: "Error 4xx", fault: "Fault 5xx", throttle: "Throttle 429" };

export function StatusBadge({ status }: { status: SpanStatus }) {
  return <span className={`inline-block rounded px-1.5 py-0.5 text-xs font-medium ${STYLES[status]}`}>{LABELS[status]}</span>;
}
