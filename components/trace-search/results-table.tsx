"use client";

import type { TraceSummary } from "@/lib/model";
import { nextSort, type Sort, type SortKey } from "@/lib/trace-search-state";
import { PHONE_ROW, TraceSummaryCells } from "@/components/traces/trace-summary-cells";

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
    <table className="w-full text-sm max-md:block" data-testid="search-results">
      {/* On a phone the column heads are a row of sort buttons above rows drawn as small grids. */}
      <thead className="bg-slate-50 text-left text-xs uppercase tracking-wide text-slate-500 dark:bg-slate-900 max-md:block">
        <tr className="max-md:flex max-md:flex-wrap max-md:px-2">
          {COLUMNS.map((c) => {
            const active = sort.key === c.key;
            return (
              <th
                key={c.key}
                aria-sort={active ? (sort.descending ? "descending" : "ascending") : "none"}
                className={`px-4 py-2 font-medium ${c.numeric ? "text-right" : ""} max-md:block max-md:px-1 max-md:py-0`}
              >
                <button
                  type="button"
                  onClick={() => onSort(nextSort(sort, c.key))}
                  className={`uppercase tracking-wide hover:text-slate-900 dark:hover:text-white max-md:min-h-10 max-md:px-1 ${active ? "text-slate-900 dark:text-white" : ""}`}
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
      <tbody className="max-md:block">
        {traces.map((t) => (
          <tr
            key={t.traceId}
            data-testid="trace-row"
            data-trace-id={t.traceId}
            className={`border-t border-slate-100 hover:bg-slate-50 dark:border-slate-800 dark:hover:bg-slate-900 ${PHONE_ROW}`}
          >
            <TraceSummaryCells trace={t} />
          </tr>
        ))}
      </tbody>
    </table>
  );
}
