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
