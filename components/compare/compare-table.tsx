"use client";

import Link from "next/link";
import { useMemo, useState } from "react";
import type { CompareRow } from "@/lib/analysis/trace-compare";
import { formatDuration } from "@/lib/format";
import { StatusBadge } from "@/components/status-badge";

type Order = "self" | "duration" | "tree";

const ORDERS: [Order, string][] = [
  ["self", "own time change"],
  ["duration", "duration change"],
  ["tree", "call tree"],
];

function sortRows(rows: readonly CompareRow[], order: Order): CompareRow[] {
  if (order === "self") return [...rows];
  if (order === "tree") return [...rows].sort((x, y) => x.treeIndex - y.treeIndex);
  return [...rows].sort((x, y) => Math.abs(y.deltaMs) - Math.abs(x.deltaMs) || x.treeIndex - y.treeIndex);
}

function signed(ms: number): string {
  if (ms === 0) return "±0";
  return `${ms > 0 ? "+" : "−"}${formatDuration(Math.abs(ms))}`;
}

function DeltaBar({ ms, max }: { ms: number; max: number }) {
  const width = max > 0 ? Math.max(1, (Math.abs(ms) / max) * 100) : 0;
  const slower = ms > 0;
  return (
    <div className="flex items-center gap-2">
      <div className="h-2 w-28 shrink-0 rounded bg-slate-100 dark:bg-slate-800" aria-hidden>
        {ms !== 0 && (
          <div className={`h-2 rounded ${slower ? "bg-red-500 dark:bg-red-400" : "bg-emerald-500 dark:bg-emerald-400"}`} style={{ width: `${width}%` }} />
        )}
      </div>
      <span className={`tabular-nums ${slower ? "text-red-700 dark:text-red-300" : ms < 0 ? "text-emerald-700 dark:text-emerald-300" : ""}`}>{signed(ms)}</span>
    </div>
  );
}

function Duration({ ms, traceId, spanId, critical }: { ms: number | undefined; traceId: string | undefined; spanId: string | undefined; critical: boolean }) {
  if (ms === undefined) return <span className="text-slate-400">—</span>;
  return (
    <Link href={`/trace/${traceId}?span=${spanId}`} className="tabular-nums hover:underline" title={critical ? "On this trace's critical path" : undefined}>
      {formatDuration(ms)}
      {critical && <span className="ml-1 text-orange-600 dark:text-orange-400">◆</span>}
    </Link>
  );
}

/** Every aligned call with both durations and their difference. */
export function CompareTable({ rows }: { rows: readonly CompareRow[] }) {
  const [order, setOrder] = useState<Order>("self");
  const sorted = useMemo(() => sortRows(rows, order), [rows, order]);
  const byId = useMemo(() => new Map(rows.map((r) => [r.id, r])), [rows]);
  const max = useMemo(() => rows.reduce((m, r) => Math.max(m, Math.abs(r.deltaMs)), 0), [rows]);
  return (
    <section className="rounded border border-slate-200 dark:border-slate-800">
      <div className="flex flex-wrap items-center gap-3 border-b border-slate-200 px-2 py-1 text-xs dark:border-slate-800">
        <label className="flex items-center gap-1">
          Order by
          <select
            data-testid="compare-order"
            value={order}
            onChange={(e) => setOrder(e.target.value as Order)}
            className="rounded border border-slate-300 bg-white px-1 py-0.5 dark:border-slate-700 dark:bg-slate-900"
          >
            {ORDERS.map(([v, label]) => (
              <option key={v} value={v}>
                {label}
              </option>
            ))}
          </select>
        </label>
        <span className="text-slate-600 dark:text-slate-400">
          &quot;Own time&quot; is a call&apos;s duration less the time it waited on its children: the call that got slow ranks above the callers that waited on
          it. ◆ on the critical path.
        </span>
      </div>
      <table className="w-full text-xs">
        <thead className="text-left text-[11px] uppercase tracking-wide text-slate-500">
          <tr>
            <th className="px-2 py-1">Call</th>
            <th className="px-2 py-1 text-right">A</th>
            <th className="px-2 py-1 text-right">B</th>
            <th className="px-2 py-1">Difference (B − A)</th>
            <th className="px-2 py-1">Own time change</th>
            <th className="px-2 py-1">Status</th>
          </tr>
        </thead>
        <tbody>
          {sorted.map((r) => {
            const parent = r.parentId ? byId.get(r.parentId) : undefined;
            const only = r.a === null ? "only in B" : r.b === null ? "only in A" : null;
            return (
              <tr
                key={r.id}
                data-testid="compare-row"
                data-delta-ms={r.deltaMs}
                data-self-delta-ms={r.selfDeltaMs}
                data-service={r.service}
                data-name={r.name}
                data-presence={r.a === null ? "b" : r.b === null ? "a" : "both"}
                className="border-t border-slate-100 align-top hover:bg-slate-50 dark:border-slate-800/60 dark:hover:bg-slate-900"
              >
                <td className="max-w-[28rem] px-2 py-1" style={order === "tree" ? { paddingLeft: `${0.5 + r.depth * 0.9}rem` } : undefined}>
                  <span className="font-medium">{r.service}</span> <span className="break-all">{r.name}</span>
                  {only && <span className="ml-1.5 rounded bg-slate-200 px-1 text-[10px] font-semibold dark:bg-slate-700">{only}</span>}
                  {parent && order !== "tree" && (
                    <span className="block truncate text-[10px] text-slate-500">
                      in {parent.service} {parent.name}
                    </span>
                  )}
                </td>
                <td className="px-2 py-1 text-right">
                  <Duration ms={r.a?.durationMs} traceId={r.a?.traceId} spanId={r.a?.spanId} critical={r.onCriticalPathA} />
                </td>
                <td className="px-2 py-1 text-right">
                  <Duration ms={r.b?.durationMs} traceId={r.b?.traceId} spanId={r.b?.spanId} critical={r.onCriticalPathB} />
                </td>
                <td className="px-2 py-1">
                  <DeltaBar ms={r.deltaMs} max={max} />
                </td>
                <td className="px-2 py-1 tabular-nums">{signed(r.selfDeltaMs)}</td>
                <td className="px-2 py-1">
                  {r.statusChange ? (
                    <span className="inline-flex items-center gap-1" data-testid="status-change">
                      <StatusBadge status={r.statusChange.a} /> → <StatusBadge status={r.statusChange.b} />
                    </span>
                  ) : (
                    <StatusBadge status={(r.b ?? r.a)!.status} />
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}
