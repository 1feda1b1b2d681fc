"use client";

import type { CompareRow, TraceComparison } from "@/lib/analysis/trace-compare";
import { formatDuration } from "@/lib/format";

function Path({ label, ids, rows, pick }: { label: string; ids: string[]; rows: Map<string, CompareRow>; pick: (r: CompareRow) => number | undefined }) {
  return (
    <div className="min-w-0 flex-1" data-testid={`critical-path-${label.toLowerCase()}`}>
      <p className="text-[11px] font-semibold uppercase tracking-wide text-slate-500">Critical path of {label}</p>
      <ol className="mt-1 flex flex-wrap items-center gap-1 text-[11px]">
        {ids.map((id, i) => {
          const row = rows.get(id)!;
          return (
            <li key={id} className="flex items-center gap-1">
              {i > 0 && <span className="text-slate-400">→</span>}
              <span className="rounded bg-orange-50 px-1.5 py-0.5 text-orange-900 dark:bg-orange-950 dark:text-orange-200">
                {row.service} <span className="opacity-80">{row.name}</span>{" "}
                <span className="tabular-nums font-semibold">{formatDuration(pick(row) ?? 0)}</span>
              </span>
            </li>
          );
        })}
      </ol>
    </div>
  );
}

/** The chain each trace's latency waited on (lib/analysis/critical-path.ts), side by side. */
export function CriticalPaths({ comparison }: { comparison: TraceComparison }) {
  const rows = new Map(comparison.rows.map((r) => [r.id, r]));
  return (
    <section className="flex flex-wrap gap-3 rounded border border-slate-200 p-2 dark:border-slate-800">
      <Path label="A" ids={comparison.criticalPathA} rows={rows} pick={(r) => r.a?.durationMs} />
      <Path label="B" ids={comparison.criticalPathB} rows={rows} pick={(r) => r.b?.durationMs} />
    </section>
  );
}
