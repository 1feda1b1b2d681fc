"use client";

import type { TraceSearchState } from "@/lib/trace-search-state";

const LABELS: [keyof Pick<TraceSearchState, "spanName" | "exception" | "logPattern">, string][] = [
  ["spanName", "has a span named"],
  ["exception", "has the exception"],
  ["logPattern", "has log lines like"],
];

/** The pivot filters the trace page set ("traces with this"), each with a way to drop it. */
export function PivotChips({ state, onChange }: { state: TraceSearchState; onChange(next: TraceSearchState): void }) {
  const active = LABELS.filter(([key]) => state[key] !== "");
  if (active.length === 0) return null;
  return (
    <div className="flex flex-wrap items-center gap-2 text-xs" data-testid="pivot-filters">
      <span className="text-slate-600 dark:text-slate-400">Traces that</span>
      {active.map(([key, label]) => (
        <span
          key={key}
          data-testid="pivot-filter"
          data-key={key}
          className="inline-flex max-w-full items-center gap-1 rounded border border-blue-300 bg-blue-50 px-1.5 py-0.5 dark:border-blue-800 dark:bg-blue-950"
        >
          {label} <code className="truncate font-mono">{state[key]}</code>
          <button
            type="button"
            aria-label={`Remove the filter ${label} ${state[key]}`}
            onClick={() => onChange({ ...state, [key]: "" })}
            className="rounded px-1 hover:bg-blue-100 dark:hover:bg-blue-900"
          >
            ✕
          </button>
        </span>
      ))}
    </div>
  );
}
