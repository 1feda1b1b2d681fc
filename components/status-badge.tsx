import type { SpanStatus } from "@/lib/model";
import { STATUS_MEANING, statusLabel } from "@/lib/client/status-label";

// The field's colours: OK green, 4xx error yellow, 5xx fault red, 429 throttle purple.
const STYLES: Record<SpanStatus, string> = {
  ok: "bg-emerald-100 text-emerald-800 dark:bg-emerald-900/50 dark:text-emerald-300",
  error: "bg-amber-100 text-amber-900 dark:bg-amber-900/50 dark:text-amber-300",
  fault: "bg-red-100 text-red-800 dark:bg-red-900/50 dark:text-red-300",
  throttle: "bg-purple-100 text-purple-800 dark:bg-purple-900/50 dark:text-purple-300",
};

/** `httpStatus`: the span's own HTTP status, named in the badge when it is of the badge's class. */
export function StatusBadge({ status, httpStatus = null }: { status: SpanStatus; httpStatus?: number | null }) {
  return (
    <span data-testid="status-badge" title={STATUS_MEANING[status]} className={`inline-block rounded px-1.5 py-0.5 text-xs font-medium ${STYLES[status]}`}>
      {statusLabel(status, httpStatus)}
    </span>
  );
}
