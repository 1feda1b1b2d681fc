"use client";

import type { Ref } from "react";

interface Props {
  query: string;
  onQueryChange(query: string): void;
  searchInputRef?: Ref<HTMLInputElement>;
  /** Lines listed, and lines the query returned (null before it has answered). */
  shown: number;
  total: number | null;
  /** Lines the service and text filters keep that the zoom hides. */
  outside: number;
  /** "Searching logs… …" while the query runs. */
  progress: string | null;
  /** "scanned X MB · ~$Y" once it has finished. */
  cost: string | null;
  /** Stops the running search (shown only while it runs). */
  onCancel?: () => void;
}

const INPUT = [
  "h-7 min-w-0 flex-1 rounded border px-2 font-mono text-xs placeholder:font-sans focus:outline-none focus:ring-1",
  "border-slate-300 bg-white text-slate-900 placeholder:text-slate-400 focus:border-blue-500 focus:ring-blue-500",
  "dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100 dark:placeholder:text-slate-500",
  // A phone: a tap target, and 16 px text so that focusing it does not zoom the page.
  "max-md:h-10 max-md:text-base",
].join(" ");

const count = (n: number) => n.toLocaleString("en-US");
const lines = (n: number) => (n === 1 ? "line" : "lines");

/** The filter input, how many lines are listed, and how the query is going or what it cost. */
export function LogToolbar({ query, onQueryChange, searchInputRef, shown, total, outside, progress, cost, onCancel }: Props) {
  return (
    <div className="shrink-0 space-y-1 border-b border-slate-200 px-2 py-1.5 text-xs dark:border-slate-800">
      <div className="flex items-center gap-2">
        <input
          ref={searchInputRef}
          type="search"
          value={query}
          onChange={(e) => onQueryChange(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === "Escape" && query !== "") {
              e.preventDefault();
              onQueryChange("");
            }
          }}
          placeholder="Filter logs…"
          aria-label="Filter logs"
          spellCheck={false}
          className={INPUT}
        />
        {total !== null && (
          <span data-testid="log-count" className="shrink-0 tabular-nums text-slate-600 dark:text-slate-400">
            {count(shown)} of {count(total)} {lines(total)}
          </span>
        )}
      </div>
      {(progress || cost || outside > 0) && (
        <div className="flex flex-wrap items-center gap-x-3 gap-y-0.5 text-slate-600 dark:text-slate-400">
          {progress && (
            <span role="status" className="flex items-center gap-1.5 text-slate-700 dark:text-slate-300">
              <Spinner />
              {progress}
            </span>
          )}
          {progress && onCancel && (
            <button
              type="button"
              data-testid="log-cancel"
              onClick={onCancel}
              className="rounded border border-slate-300 px-1.5 text-[11px] hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800 max-md:min-h-10 max-md:px-3"
            >
              Cancel
            </button>
          )}
          {cost && <span className="tabular-nums">{cost}</span>}
          {outside > 0 && (
            <span className="text-amber-800 dark:text-amber-300">
              {count(outside)} {lines(outside)} outside the zoomed range
            </span>
          )}
        </div>
      )}
    </div>
  );
}

function Spinner() {
  return (
    <svg viewBox="0 0 16 16" className="h-3.5 w-3.5 shrink-0 animate-spin text-blue-600 dark:text-blue-400" aria-hidden>
      <circle cx="8" cy="8" r="6" fill="none" stroke="currentColor" strokeOpacity="0.25" strokeWidth="2" />
      <path d="M14 8a6 6 0 0 0-6-6" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
    </svg>
  );
}
