"use client";
/** DELETE /api/traces/{id}/logs: stops the trace's running Logs Insights search. Best effort: the page says it was cancelled either way. */
export function cancelTraceLogs(traceId: string): void {
  fetch(`/api/traces/${encodeURIComponent(traceId)}/logs`, { method: "DELETE" }).catch(() => undefined);
}
