"use client";

import { useTraceOutline } from "@/lib/client/queries/trace-outline";
import { TraceLinks } from "@/components/trace-page/trace-links";
import { TraceLoadState } from "@/components/trace-page/trace-load-state";
import { useTracePageLogs } from "@/components/trace-page/use-trace-page-logs";
import { WindowedTraceView } from "./windowed-trace-view";

/**
 * A large trace's page (app/trace/[id]/page.tsx chose it): its summary and first rows came with
 * the page; the logs are fetched as for any trace.
 */
export function WindowedTracePage({ traceId }: { traceId: string }) {
  const outline = useTraceOutline(traceId);
  const { logs, cancelLogs } = useTracePageLogs(traceId);
  if (!outline.data) return <TraceLoadState traceId={traceId} error={outline.error} />;
  return <WindowedTraceView traceId={traceId} summary={outline.data} logs={logs} onCancelLogs={cancelLogs} actions={<TraceLinks traceId={traceId} />} />;
}
