"use client";

import type { LogLevel, LogsResult } from "@/lib/model";
import { formatUtcTime } from "@/lib/format";

const LEVEL: Record<LogLevel, string> = {
  trace: "text-slate-500",
  debug: "text-slate-500",
  info: "text-sky-700 dark:text-sky-400",
  warn: "text-amber-700 dark:text-amber-400",
  error: "text-red-700 dark:text-red-400",
  fatal: "text-red-800 dark:text-red-300 font-bold",
  unknown: "text-slate-500",
};

interface Props {
  result: LogsResult | undefined;
  error: Error | null;
  selectedSpan: string | null;
  onSelectSpan(spanId: string): void;
}

export function LogList({ result, error, selectedSpan, onSelectSpan }: Props) {
  return (
    <section data-testid="log-timeline" className="min-h-0 overflow-auto font-mono text-xs">
      {error && <p className="p-2 text-red-700 dark:text-red-400">Logs failed: {error.message}</p>}
      {!result && !error && <p className="p-2 text-slate-500">Loading logs…</p>}
      {result && result.events.length === 0 && <p className="p-2 text-slate-500">No log line carries this trace ID.</p>}
      {result?.events.map((e) => (
        <div
          key={e.id}
          data-testid="log-row"
          data-span-id={e.spanId ?? ""}
          data-selected={selectedSpan !== null && e.spanId === selectedSpan ? "true" : "false"}
          onClick={() => e.spanId && onSelectSpan(e.spanId)}
          className={`grid cursor-pointer grid-cols-[6.5rem_3.5rem_9rem_1fr] gap-2 px-2 py-0.5 ${
            selectedSpan !== null && e.spanId === selectedSpan ? "bg-blue-50 dark:bg-blue-950" : "hover:bg-slate-50 dark:hover:bg-slate-900"
          }`}
        >
          <span className="tabular-nums text-slate-500">{formatUtcTime(e.timestamp)}</span>
          <span className={`uppercase ${LEVEL[e.level]}`}>{e.level}</span>
          <span className="truncate">{e.service}</span>
          <span className="truncate">{e.message}</span>
        </div>
      ))}
    </section>
  );
}
