"use client";

import { useCallback, useEffect, useState } from "react";
import { useQuery } from "@tanstack/react-query";
import { ApiRequestError, fetchJson } from "@/lib/client/fetch-json";
import type { LogsResult, Trace } from "@/lib/model";
import { loadElk } from "@/components/service-map/use-elk-layout";
import { SaveSnapshotButton } from "@/components/snapshots/save-snapshot-button";
import { CompareTypicalButton } from "./compare-typical-button";
import { CopySummaryButton } from "./copy-summary-button";
import { TraceStatisticsButton } from "./trace-statistics";
import { TraceLinks } from "./trace-links";
import { PercentileBandProvider } from "@/components/trace-gantt/percentile-band";
import { TraceView, type TraceViewLogs } from "./trace-view";

/** How long the server may hold a logs request while the search has nothing new. */
const LOGS_LONG_POLL_MS = 1000;

export function TracePage({ traceId }: { traceId: string }) {
  // Fetch the graph-layout library while the trace is in flight.
  useEffect(() => {
    loadElk().catch(() => undefined);
  }, []);
  // Both requests start at once: the logs query does not wait for the trace.
  const trace = useQuery({
    queryKey: ["trace", traceId],
    queryFn: () => fetchJson<{ trace: Trace }>(`/api/traces/${traceId}`).then((r) => r.trace),
    retry: (count, err) => !(err instanceof ApiRequestError && err.status < 500) && count < 2,
  });
  const [logsCancelled, setLogsCancelled] = useState(false);
  const logs = useQuery({
    queryKey: ["trace-logs", traceId],
    // The first request answers at once (the panel shows "searching"); later ones are long polls
    // that the server holds until the Logs Insights search changes, so completion shows at once.
    queryFn: ({ signal, client }) => {
      const wait = client.getQueryData(["trace-logs", traceId]) ? LOGS_LONG_POLL_MS : 0;
      return fetchJson<LogsResult>(`/api/traces/${traceId}/logs?waitMs=${wait}`, { signal });
    },
    enabled: !logsCancelled,
    // While the search runs, ask again right away: the server does the waiting.
    refetchInterval: (q) => (q.state.data?.status === "running" ? 50 : false),
  });
  const cancelLogs = useCallback(() => {
    setLogsCancelled(true);
    fetch(`/api/traces/${traceId}/logs`, { method: "DELETE" }).catch(() => undefined);
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
