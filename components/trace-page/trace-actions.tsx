"use client";

import type { LogEvent, Span, Trace } from "@/lib/model";
import { SaveSnapshotButton, snapshotTitle } from "@/components/snapshots/save-snapshot-button";
import { CompareTypicalButton } from "./compare-typical-button";
import { CopySummaryButton } from "./copy-summary-button";
import { TraceStatisticsButton } from "./trace-statistics";
import { TraceLinks } from "./trace-links";

export interface TraceActionsProps {
  /** The trace's own fields (its spans are not read). */
  trace: Pick<Trace, "traceId" | "xrayTraceId" | "durationMs">;
  root: Pick<Span, "service" | "name"> | null;
  logs: readonly LogEvent[] | undefined;
}

/**
 * The header's actions on a live trace: Save snapshot, the export and AWS links, Compare with a
 * typical trace, Copy summary, Statistics. None needs the trace's spans in the page: the server reads
 * the trace for a snapshot, and the summary and the statistics take it from the query cache or
 * fetch it when asked — so the windowed view of a trace the browser can still hold offers them too.
 */
export function TraceActions({ trace, root, logs }: TraceActionsProps) {
  return (
    <>
      <SaveSnapshotButton traceId={trace.traceId} defaultTitle={snapshotTitle(trace, root)} />
      <TraceLinks traceId={trace.traceId} />
      <CompareTypicalButton traceId={trace.traceId} />
      <CopySummaryButton traceId={trace.traceId} logs={logs} />
      <TraceStatisticsButton traceId={trace.traceId} durationMs={trace.durationMs} />
    </>
  );
}
