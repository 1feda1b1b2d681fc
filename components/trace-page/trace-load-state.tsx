"use client";

import { useEffect, useState } from "react";
import { ApiRequestError } from "@/lib/client/fetch-json";
import { formatDuration, formatUtc } from "@/lib/format";
import type { TraceSummary } from "@/lib/model";
import { StatusBadge } from "@/components/status-badge";

/**
 * The trace page before its trace has arrived, or when it could not be read. With `spanCount` (a
 * large trace whose outline is being laid out: a million spans take seconds the first time), it
 * says how large the trace is, what is happening and for how long it has been; with `glance` (the
 * trace's summary, when the source has it without reading the trace) also what the trace was: its
 * root service and operation, status, duration and start, so that an alert's link answers "which
 * service, which request" before the rows arrive.
 */
export function TraceLoadState({
  traceId,
  error,
  spanCount = null,
  glance = null,
}: {
  traceId: string;
  error: Error | null;
  spanCount?: number | null;
  glance?: TraceSummary | null;
}) {
  if (!error) {
    if (spanCount !== null) return <LayingOut traceId={traceId} spanCount={spanCount} glance={glance} />;
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

function LayingOut({ traceId, spanCount, glance }: { traceId: string; spanCount: number; glance: TraceSummary | null }) {
  const seconds = useSecondsSinceMount();
  return (
    <main className="mx-auto max-w-2xl p-8" data-testid="trace-laying-out">
      {glance && <Glance glance={glance} />}
      <h1 role="status" className="text-lg font-semibold text-slate-800 dark:text-slate-100">
        Laying out {spanCount.toLocaleString("en-US")} spans…
      </h1>
      <p className="mt-2 break-all font-mono text-sm text-slate-600 dark:text-slate-400">{traceId}</p>
      <p className="mt-4 text-sm text-slate-700 dark:text-slate-300">
        The first opening of a trace this large reads and orders every span. Its rows appear here as soon as that is done, and later openings are quick.
      </p>
      {seconds !== null && (
        <p className="mt-2 text-sm tabular-nums text-slate-500 dark:text-slate-400" data-testid="trace-laying-out-time">
          {seconds} s so far
        </p>
      )}
    </main>
  );
}

/** The trace's summary: what failed where, how long it took, when. */
function Glance({ glance: g }: { glance: TraceSummary }) {
  return (
    <section aria-label="Trace at a glance" data-testid="trace-glance" className="mb-6 rounded border border-slate-200 p-4 dark:border-slate-700">
      <p className="text-base">
        <span className="font-semibold text-slate-900 dark:text-slate-100">{g.rootService}</span>{" "}
        <span className="break-all text-slate-700 dark:text-slate-300">{g.rootName}</span>
      </p>
      <p className="mt-2 flex flex-wrap items-center gap-x-3 gap-y-1 text-sm text-slate-700 dark:text-slate-300">
        <StatusBadge status={g.status} httpStatus={g.httpStatus} />
        <span className="tabular-nums" title="Duration of the whole trace">
          {formatDuration(g.durationMs)}
        </span>
        <span className="tabular-nums text-slate-600 dark:text-slate-400">started {formatUtc(g.startTime)}</span>
      </p>
    </section>
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
