"use client";

import { ApiRequestError } from "@/lib/client/fetch-json";

/** The trace page before its trace has arrived, or when it could not be read. */
export function TraceLoadState({ traceId, error }: { traceId: string; error: Error | null }) {
  if (!error) {
    return (
      <p className="p-6 text-sm text-slate-500" role="status">
        Loading trace {traceId}…
      </p>
    );
  }
  const notFound = error instanceof ApiRequestError && error.status === 404;
  return (
    <main className="mx-auto max-w-2xl p-8" data-testid="trace-error">
      <h1 className="text-lg font-semibold text-red-700 dark:text-red-400">{notFound ? "Trace not found" : "Could not load the trace"}</h1>
      <p className="mt-2 font-mono text-sm">{traceId}</p>
      <p className="mt-4 text-sm">{error.message}</p>
    </main>
  );
}
