"use client";

import { useEffect, useState } from "react";
import { ApiRequestError } from "@/lib/client/fetch-json";

/**
 * The trace page before its trace has arrived, or when it could not be read. With `spanCount` (a
 * large trace whose outline is being laid out: a million spans take tens of seconds the first
 * time), it says how large the trace is, what is happening and for how long it has been.
 */
export function TraceLoadState({ traceId, error, spanCount = null }: { traceId: string; error: Error | null; spanCount?: number | null }) {
  if (!error) {
    if (spanCount !== null) return <LayingOut traceId={traceId} spanCount={spanCount} />;
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

function LayingOut({ traceId, spanCount }: { traceId: string; spanCount: number }) {
  const seconds = useSecondsSinceMount();
  return (
    <main className="mx-auto max-w-2xl p-8" data-testid="trace-laying-out">
      <h1 role="status" className="text-lg font-semibold text-slate-800 dark:text-slate-100">
        Laying out {spanCount.toLocaleString("en-US")} spans…
      </h1>
      <p className="mt-2 break-all font-mono text-sm text-slate-600 dark:text-slate-400">{traceId}</p>
      <p className="mt-4 text-sm text-slate-700 dark:text-slate-300">
        The first opening of a trace this large reads and orders every span, which can take tens of seconds. Its rows appear here as soon as that is done, and
        later openings are quick.
      </p>
      {seconds !== null && (
        <p className="mt-2 text-sm tabular-nums text-slate-500 dark:text-slate-400" data-testid="trace-laying-out-time">
          {seconds} s so far
        </p>
      )}
    </main>
  );
}

/** Whole seconds since the component mounted, ticking once a second; null before the first effect (and on the server). */
function useSecondsSinceMount(): number | null {
  const [seconds, setSeconds] = useState<number | null>(null);
  useEffect(() => {
    const start = Date.now();
    setSeconds(0);
    const timer = setInterval(() => setSeconds(Math.floor((Date.now() - start) / 1000)), 1000);
    return () => clearInterval(timer);
  }, []);
  return seconds;
}
