"use client";

import { useCallback, useState } from "react";
import { ApiRequestError } from "@/lib/client/fetch-json";
import { cancelTraceLogs } from "@/lib/client/queries/cancel-trace-logs";
import { useTrace } from "@/lib/client/queries/trace";
import { useTraceLogs } from "@/lib/client/queries/trace-logs";
import { SaveSnapshotButton } from "@/components/snapshots/save-snapshot-button";
import { CompareTypicalButton } from "./compare-typical-button";
import { CopySummaryButton } from "./copy-summary-button";
import { TraceStatisticsButton } from "./trace-statistics";
import { TraceLinks } from "./trace-links";
import { PercentileBandProvider } from "@/components/trace-gantt/percentile-band";
import { TraceView, type TraceViewLogs } from "./trace-view";

export function TracePage({ traceId }: { traceId: string }) {
  // A small trace (and its first logs answer) came with the page (app/trace/[id]/page.tsx), already
  // in the query cache; a larger one is fetched from here, both requests at once. Its map needs no
  // ELK unless it has COMPACT_FROM services or more: ServiceMap loads ELK then, not before.
  const trace = useTrace(traceId);
  const [logsCancelled, setLogsCancelled] = useState(false);
  const logs = useTraceLogs(traceId, !logsCancelled);
  const cancelLogs = useCallback(() => {
    setLogsCancelled(true);
    cancelTraceLogs(traceId);
  }, [traceId]);
  const logsState: TraceViewLogs = logsCancelled
    ? { data: { events: logs.data?.events ?? [], status: "failed", message: "You cancelled the logs search." }, error: null, isPending: false }
    : { data: logs.data, error: logs.error, isPending: logs.isPending };

  if (trace.isPending) {
    return (
      <p className="p-6 text-sm text-slate-500" role="status">
        Loading trace {traceId}…
      </p>
    );
  }
  if (trace.error) {
    const notFound = trace.error instanceof ApiRequestError && trace.error.status === 404;
    return (
      <main className="mx-auto max-w-2xl p-8" data-testid="trace-error">
        <h1 className="text-lg font-semibold text-red-700 dark:text-red-400">{notFound ? "Trace not found" : "Could not load the trace"}</h1>
        <p className="mt-2 font-mono text-sm">{traceId}</p>
        <p className="mt-4 text-sm">{trace.error.message}</p>
      </main>
    );
  }
  return (
    <PercentileBandProvider traceId={trace.data.traceId}>
      <TraceView
        trace={trace.data}
        logs={logsState}
        onCancelLogs={cancelLogs}
        actions={
          <>
            <SaveSnapshotButton trace={trace.data} />
            <TraceLinks traceId={trace.data.traceId} />
            <CompareTypicalButton traceId={trace.data.traceId} />
            <CopySummaryButton trace={trace.data} logs={logsState.data?.events} />
            <TraceStatisticsButton trace={trace.data} />
          </>
        }
      />
    </PercentileBandProvider>
  );
}
