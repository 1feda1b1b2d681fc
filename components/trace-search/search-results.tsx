"use client";

import { describeFilters, type Sort, sortTraces, type TraceSearchState } from "@/lib/trace-search-state";
import type { TraceSummary } from "@/lib/model";
import { LatencyHistogram } from "./latency-histogram";
import { ResultsTable } from "./results-table";

interface Props {
  state: TraceSearchState;
  /** null while the first answer is on its way (or failed). */
  traces: TraceSummary[] | null;
  error: Error | null;
  limit: number;
  onDurationRange(range: { minDurationMs: string; maxDurationMs: string }): void;
  onSort(sort: Sort): void;
}

/** Milliseconds as the URL carries them: a plain decimal, to the microsecond. */
const msText = (ms: number) => String(Math.round(ms * 1000) / 1000);

export function SearchResults({ state, traces, error, limit, onDurationRange, onSort }: Props) {
  if (error) {
    return (
      <div
        role="alert"
        data-testid="search-error"
        className="rounded border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-800 dark:border-red-800 dark:bg-red-950/50 dark:text-red-200"
      >
        <p className="font-medium">The search could not run.</p>
        <p className="mt-1 font-mono text-xs">{error.message}</p>
      </div>
    );
  }
  if (traces === null)
    return (
      <p className="text-sm text-slate-500" data-testid="search-loading">
        Searching…
      </p>
    );
  const durationFiltered = state.minDurationMs !== "" || state.maxDurationMs !== "";
  const clearDuration = () => onDurationRange({ minDurationMs: "", maxDurationMs: "" });
  if (traces.length === 0) {
    return (
      <div data-testid="search-empty" className="rounded border border-slate-200 px-3 py-4 text-sm dark:border-slate-800">
        <p className="font-medium">No traces match</p>
        <ul className="mt-1 list-inside list-disc text-slate-600 dark:text-slate-400">
          {describeFilters(state).map((f) => (
            <li key={f}>{f}</li>
          ))}
        </ul>
        {durationFiltered && (
          <button type="button" onClick={clearDuration} className="mt-2 text-blue-700 hover:underline dark:text-blue-400">
            Clear the duration range
          </button>
        )}
      </div>
    );
  }
  return (
    <section className="flex flex-col gap-3">
      <div className="rounded border border-slate-200 p-3 dark:border-slate-800">
        <div className="mb-1 flex items-baseline gap-3 text-sm max-md:flex-wrap">
          <h2 className="font-medium">Latency</h2>
          <span className="text-xs text-slate-500">drag across the bars to filter by duration</span>
          {durationFiltered && (
            <button type="button" onClick={clearDuration} className="ml-auto text-xs text-blue-700 hover:underline dark:text-blue-400">
              Clear duration {state.minDurationMs || "0"}–{state.maxDurationMs || "∞"} ms
            </button>
          )}
        </div>
        <LatencyHistogram traces={traces} onSelect={(minMs, maxMs) => onDurationRange({ minDurationMs: msText(minMs), maxDurationMs: msText(maxMs) })} />
      </div>
      <p className="text-xs text-slate-500" data-testid="search-count">
        {traces.length === limit
          ? `The newest ${limit} matching traces; narrow the search to see older ones.`
          : `${traces.length} matching trace${traces.length === 1 ? "" : "s"}.`}
      </p>
      <ResultsTable traces={sortTraces(traces, state.sort)} sort={state.sort} onSort={onSort} />
    </section>
  );
}
