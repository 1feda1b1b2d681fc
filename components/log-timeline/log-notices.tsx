"use client";

import type { ReactNode } from "react";

/** The logs query failed: said in red, above everything else in the panel. */
export function LogFailure({ message }: { message: string }) {
  return (
    <div
      role="alert"
      data-testid="log-failure"
      className="shrink-0 border-b border-red-300 bg-red-50 px-3 py-2 text-sm text-red-800 dark:border-red-900 dark:bg-red-950/60 dark:text-red-200"
    >
      <p className="font-semibold">Logs query failed</p>
      <p className="mt-0.5 break-words font-mono text-xs">{message}</p>
    </div>
  );
}

/** Some log groups could not be searched: the lines below may be incomplete. */
export function LogPartial({ message }: { message: string }) {
  return (
    <div
      role="status"
      data-testid="log-partial"
      className="shrink-0 border-b border-amber-300 bg-amber-50 px-3 py-1.5 text-xs text-amber-900 dark:border-amber-800 dark:bg-amber-950/50 dark:text-amber-200"
    >
      <span className="font-semibold">Partial results:</span> {message}
    </div>
  );
}

/** Why the list is empty, in the middle of where the lines would be. */
export function LogEmpty({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div data-testid="log-empty" className="px-4 py-8 text-center text-sm text-slate-600 dark:text-slate-400">
      <p className="font-medium text-slate-800 dark:text-slate-200">{title}</p>
      {children && <p className="mt-1 text-xs">{children}</p>}
    </div>
  );
}

/**
 * No search was started (aws): today's scan budget is used up, or the user started too many
 * searches in the last minute. Says which, and offers the query to run by hand in the console.
 */
export function LogRefused({ message, query, logGroups }: { message: string; query: string; logGroups: string[] }) {
  return (
    <div
      role="status"
      data-testid="log-refused"
      className="shrink-0 border-b border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:border-amber-800 dark:bg-amber-950/50 dark:text-amber-200"
    >
      <p className="font-semibold">Logs not searched</p>
      <p className="mt-0.5 text-xs">{message}</p>
      <details className="mt-1 text-xs" open>
        <summary className="cursor-pointer">Logs Insights query{logGroups.length > 0 ? ` (log groups: ${logGroups.join(", ")})` : ""}</summary>
        <pre
          data-testid="log-refused-query"
          className="mt-1 max-h-40 select-all overflow-auto whitespace-pre-wrap break-all rounded bg-white/70 p-2 font-mono text-[11px] dark:bg-slate-900/70"
        >
          {query}
        </pre>
      </details>
    </div>
  );
}
