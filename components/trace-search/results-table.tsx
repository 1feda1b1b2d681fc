"use client";

import type { TraceSummary } from "@/lib/model";
import { nextSort, type Sort, type SortKey } from "@/lib/trace-search-state";
import { TraceSummaryCells } from "@/components/traces/trace-summary-cells";

const COLUMNS: { key: SortKey; label: string; numeric: boolean }[] = [
  { key: "start", label: "Start (UTC)", numeric: false },
  { key: "service", label: "Service · operation", numeric: false },
  { key: "duration", label: "Duration", numeric: true },
  { key: "status", label: "Status", numeric: false },
  { key: "spans", label: "Spans", numeric: true },
];

interface Props {
  traces: TraceSummary[];
  sort: Sort;
  onSort(sort: Sort): void;
}

export function ResultsTable({ traces, sort, onSort }: Props) {
  return (
    <table className="w-full text-sm" data-testid="search-results">
      <thead className="bg-slate-50 text-left text-xs uppercase tracking-wide text-slate-500 dark:bg-slate-900">
        <tr>
          {COLUMNS.map((c) => {
            const active = sort.key === c.key;
            return (
              <th
                key={c.key}
                aria-sort={active ? (sort.descending ? "descending" : "ascending") : "none"}
                className={`px-4 py-2 font-medium ${c.numeric ? "text-right" : ""}`}
              >
                <button
                  type="button"
                  onClick={() => onSort(nextSort(sort, c.key))}
                  className={`uppercase tracking-wide hover:text-slate-900 dark:hover:text-white ${active ? "text-slate-900 dark:text-white" : ""}`}
                >
                  {c.label}
                  <span aria-hidden className="ml-1 inline-block w-2">
                    {active ? (sort.descending ? "↓" : "↑") : ""}
                  </span>
                </button>
              </th>
            );
          })}
        </tr>
      </thead>
      <tbody>
        {traces.map((t) => (
          <tr
            key={t.traceId}
            data-testid="trace-row"
            data-trace-id={t.traceId}
            className="border-t border-slate-100 hover:bg-slate-50 dark:border-slate-800 dark:hover:bg-slate-900"
          >
            <TraceSummaryCells trace={t} />
          </tr>
        ))}
      </tbody>
    </table>
  );
}
