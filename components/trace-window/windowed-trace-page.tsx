"use client";

import type { ReactNode } from "react";
import type { TraceSummary } from "@/lib/model";
import { useTraceOutline } from "@/lib/client/queries/trace-outline";
import { PercentileBandProvider } from "@/components/trace-gantt/percentile-band";
import { TraceActions } from "@/components/trace-page/trace-actions";
import { TraceLinks } from "@/components/trace-page/trace-links";
import { TraceLoadState } from "@/components/trace-page/trace-load-state";
import { useTracePageLogs } from "@/components/trace-page/use-trace-page-logs";
import { WindowedTraceView } from "./windowed-trace-view";

/**
 * Up to this many spans the browser can still hold the whole trace when asked for it: the windowed
 * page then offers what needs the whole trace (snapshot, summary, statistics, the comparison with a
 * typical trace, the percentile bands), which fetch it (or have the server read it) on demand.
 * Above it (a batch job's hundreds of thousands of spans), or above what the server reads whole
 * (TRACE_READ_MAX_SPANS), the page offers the trace's links alone.
 */
const WHOLE_TRACE_ACTIONS_MAX_SPANS = 20_000;

/**
 * A large trace's page (app/trace/[id]/page.tsx chose it): its summary and first rows came with
 * the page, unless its outline was still being laid out (then they are fetched here, and the page
 * says so with the trace's size); the logs are fetched as for any trace.
 */
export function WindowedTracePage({
  traceId,
  spanCount,
  glance = null,
  wholeReadMaxSpans,
}: {
  traceId: string;
  spanCount: number | null;
  /** The trace's summary row, shown while the outline is laid out. */
  glance?: TraceSummary | null;
  wholeReadMaxSpans: number;
}) {
  const outline = useTraceOutline(traceId);
  const { logs, cancelLogs } = useTracePageLogs(traceId);
  if (!outline.data) return <TraceLoadState traceId={traceId} error={outline.error} spanCount={spanCount} glance={glance} />;
  const summary = outline.data;
  const readable = summary.stats.spanCount <= wholeReadMaxSpans;
  const holdable = readable && summary.stats.spanCount <= WHOLE_TRACE_ACTIONS_MAX_SPANS;
  const actions: ReactNode = holdable ? (
    <TraceActions trace={summary.trace} root={summary.stats.root} logs={logs.data?.events} />
  ) : (
    <TraceLinks traceId={traceId} exportable={readable} />
  );
  const wholeTraceNote = holdable
    ? undefined
    : readable
      ? "Too large for a snapshot, statistics or the comparison with a typical trace in the browser; export it as OTLP."
      : "Too large to export or snapshot whole.";
  const view = (
    <WindowedTraceView traceId={traceId} summary={summary} logs={logs} onCancelLogs={cancelLogs} actions={actions} wholeTraceNote={wholeTraceNote} />
  );
  return holdable ? <PercentileBandProvider traceId={traceId}>{view}</PercentileBandProvider> : view;
}
