"use client";

import { useMemo, useState } from "react";
import { operationStats } from "@/lib/analysis/operation-stats";
import { formatDuration } from "@/lib/format";
import type { Trace } from "@/lib/model";
import { HEADER_BUTTON } from "./header-button";

function Table({ trace }: { trace: Trace }) {
  const rows = useMemo(() => operationStats(trace.spans), [trace.spans]);
  return (
    <table className="w-full text-xs" data-testid="trace-statistics">
      <thead className="sticky top-0 bg-white text-left text-[11px] uppercase tracking-wide text-slate-500 dark:bg-slate-900">
        <tr>
          <th className="px-2 py-1">Service</th>
          <th className="px-2 py-1">Operation</th>
          <th className="px-2 py-1 text-right">Spans</th>
          <th className="px-2 py-1 text-right">Total</th>
          <th className="px-2 py-1 text-right">Self</th>
          <th className="px-2 py-1">Share of self time</th>
          <th className="px-2 py-1 text-right">Errors</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr
            key={`${r.service}\u0000${r.name}`}
            data-testid="statistics-row"
            data-service={r.service}
            data-name={r.name}
            className="border-t border-slate-100 dark:border-slate-800"
          >
            <td className="px-2 py-1 font-medium">{r.service}</td>
            <td className="max-w-[24rem] break-all px-2 py-1">{r.name}</td>
            <td className="px-2 py-1 text-right tabular-nums">{r.count}</td>
            <td className="px-2 py-1 text-right tabular-nums">{formatDuration(r.totalMs)}</td>
            <td className="px-2 py-1 text-right tabular-nums">{formatDuration(r.selfMs)}</td>
            <td className="px-2 py-1">
              <span className="flex items-center gap-2">
                <span className="h-2 w-24 rounded bg-slate-100 dark:bg-slate-800" aria-hidden>
                  <span className="block h-2 rounded bg-blue-500 dark:bg-blue-400" style={{ width: `${r.share * 100}%` }} />
                </span>
                <span className="tabular-nums">{(r.share * 100).toFixed(1)} %</span>
              </span>
            </td>
            <td className={`px-2 py-1 text-right tabular-nums ${r.errors > 0 ? "font-semibold text-red-700 dark:text-red-400" : ""}`}>{r.errors}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** "Statistics": per service and operation, span count, total and self time, share, errors — in a dialog. */
export function TraceStatisticsButton({ trace }: { trace: Trace }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" data-testid="open-statistics" className={HEADER_BUTTON} onClick={() => setOpen(true)}>
        Statistics
      </button>
      {open && (
        <div
          role="presentation"
          className="fixed inset-0 z-50 flex items-start justify-center bg-black/30 pt-16"
          onClick={(e) => e.target === e.currentTarget && setOpen(false)}
          onKeyDown={(e) => e.key === "Escape" && setOpen(false)}
        >
          <div
            role="dialog"
            aria-label="Trace statistics"
            className="flex max-h-[80vh] w-[60rem] max-w-[95vw] flex-col rounded-lg border border-slate-200 bg-white p-3 text-sm shadow-xl dark:border-slate-700 dark:bg-slate-900"
          >
            <div className="mb-2 flex items-center gap-2">
              <h2 className="text-base font-semibold">Statistics</h2>
              <span className="text-xs text-slate-600 dark:text-slate-400">
                per service and operation · self time is a span&apos;s time not spent waiting on its children · trace {formatDuration(trace.durationMs)}
              </span>
              <button
                type="button"
                autoFocus
                onClick={() => setOpen(false)}
                aria-label="Close statistics"
                className="ml-auto rounded px-2 py-0.5 text-slate-500 hover:bg-slate-200 dark:hover:bg-slate-800"
              >
                ✕
              </button>
            </div>
            <div className="min-h-0 overflow-auto">
              <Table trace={trace} />
            </div>
          </div>
        </div>
      )}
    </>
  );
}
