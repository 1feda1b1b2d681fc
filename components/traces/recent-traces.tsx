"use client";

import { useRecentTraces } from "@/lib/client/queries/recent-traces";
import { PHONE_ROW, TraceSummaryCells } from "@/components/traces/trace-summary-cells";

export function RecentTraces() {
  const { data, error, isPending } = useRecentTraces();
  if (isPending) return <p className="p-4 text-sm text-slate-500">Loading recent traces…</p>;
  if (error)
    return (
      <p className="p-4 text-sm text-red-600" role="alert">
        Could not load traces: {error.message}
      </p>
    );
  if (data.traces.length === 0) {
    return (
      <p className="p-4 text-sm text-slate-500">
        No traces in the last hour. Point an OpenTelemetry exporter at <code>/v1/traces</code> and <code>/v1/logs</code>, or run <code>npm run demo</code>.
      </p>
    );
  }
  return (
    <table className="w-full text-sm max-md:block">
      <thead className="sticky top-0 bg-slate-50 text-left text-xs uppercase tracking-wide text-slate-500 dark:bg-slate-900 max-md:hidden">
        <tr>
          <th className="px-4 py-2 font-medium">Start (UTC)</th>
          <th className="px-4 py-2 font-medium">Service · operation</th>
          <th className="px-4 py-2 text-right font-medium">Duration</th>
          <th className="px-4 py-2 font-medium">Status</th>
          <th className="px-4 py-2 text-right font-medium">Spans</th>
          <th className="px-4 py-2 font-medium">Trace ID</th>
        </tr>
      </thead>
      <tbody className="max-md:block">
        {data.traces.map((t) => (
          <tr
            key={t.traceId}
            data-testid="trace-row"
            className={`border-t border-slate-100 hover:bg-slate-50 dark:border-slate-800 dark:hover:bg-slate-900 ${PHONE_ROW}`}
          >
            <TraceSummaryCells trace={t} />
            <td className="px-4 py-1.5 font-mono text-xs text-slate-500 max-md:hidden">{t.xrayTraceId}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
