"use client";

import { useMemo } from "react";
import { operationStats } from "@/lib/analysis/operation-stats";
import { formatDuration } from "@/lib/format";
import type { Trace } from "@/lib/model";

/** Per service and operation: span count, total and self time, share of self time, errors. */
export function TraceStatisticsTable({ trace }: { trace: Trace }) {
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
