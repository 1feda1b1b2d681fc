"use client";

import { useTrace } from "@/lib/client/queries/trace";
import { rootOf } from "@/components/snapshots/save-snapshot-button";
import { PercentileBandProvider } from "@/components/trace-gantt/percentile-band";
import { TraceActions } from "./trace-actions";
import { TraceLoadState } from "./trace-load-state";
import { TraceView } from "./trace-view";
import { useTracePageLogs } from "./use-trace-page-logs";

export function TracePage({ traceId }: { traceId: string }) {
  // A small trace (and its first logs answer) came with the page (app/trace/[id]/page.tsx), already
  // in the query cache; a larger one is fetched from here, both requests at once. Its map needs no
  // ELK unless it has COMPACT_FROM services or more: ServiceMap loads ELK then, not before.
  const trace = useTrace(traceId);
  const { logs, cancelLogs } = useTracePageLogs(traceId);
  if (!trace.data) return <TraceLoadState traceId={traceId} error={trace.error} />;
  return (
    <PercentileBandProvider traceId={trace.data.traceId}>
      <TraceView
        trace={trace.data}
        logs={logs}
        onCancelLogs={cancelLogs}
        actions={<TraceActions trace={trace.data} root={rootOf(trace.data)} logs={logs.data?.events} />}
      />
    </PercentileBandProvider>
  );
}
