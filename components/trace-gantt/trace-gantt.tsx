"use client";

import { useMemo } from "react";
import type { CriticalSection } from "@/lib/analysis/critical-path";
import type { LambdaReport } from "@/lib/analysis/lambda-report";
import type { VisibleRow } from "@/lib/analysis/visible-rows";
import { colorOf } from "@/lib/client/service-colors";
import type { Trace } from "@/lib/model";
import type { TimeZoneMode } from "@/lib/trace-view-state";
import type { TraceAnalysis } from "@/components/trace-page/trace-analysis";
import { GanttFrame, ganttControls, type GanttControls, type GanttRowSource } from "./gantt-frame";
import { spanPainter } from "./gantt-minimap";
import { SpanDetails, usePrefetchedSpanDetails } from "./lazy-span-details";

export interface TraceGanttProps extends GanttControls {
  trace: Trace;
  analysis: TraceAnalysis;
  rows: VisibleRow[];
  /** Log lines per span, for the markers on the rows. */
  logCounts: Map<string, number>;
  /** Lambda REPORT lines by the invocation span they describe. */
  lambdaReports: Map<string, LambdaReport>;
  collapsed: ReadonlySet<string>;
  detailsOpen: boolean;
  onCloseDetails(): void;
  timeZone: TimeZoneMode;
}

/** No critical sections (a span off the critical path): one array, so the row's props keep their identity. */
const NONE: CriticalSection[] = [];

/** The Gantt chart of a trace the browser holds whole: its rows are the span tree's visible rows. */
export function TraceGantt(p: TraceGanttProps) {
  const { trace, analysis, rows, lambdaReports, logCounts } = p;
  const paint = useMemo(() => spanPainter(trace, analysis.colors), [trace, analysis.colors]);
  usePrefetchedSpanDetails();
  const source = useMemo<GanttRowSource>(
    () => ({
      count: rows.length,
      rowAt(index) {
        const row = rows[index];
        if (!row) return null;
        const id = row.span.spanId;
        const report = lambdaReports.get(id);
        return {
          row,
          color: colorOf(analysis.colors, row.span.service),
          critical: analysis.critical.get(id) ?? NONE,
          onCriticalPath: analysis.criticalIds.has(id),
          skew: analysis.skew.get(id),
          coldStart: analysis.coldStarts.has(id) || (report?.coldStart ?? false),
          lambdaReport: report,
          logCount: logCounts.get(id) ?? 0,
        };
      },
    }),
    [rows, analysis, lambdaReports, logCounts],
  );

  // Keep the selected span in view when it changes (keyboard, a click on a log line, a link).
  const selectedIndex = useMemo(() => (p.selectedSpanId ? rows.findIndex((r) => r.span.spanId === p.selectedSpanId) : -1), [rows, p.selectedSpanId]);
  const query = p.spanQuery.trim();
  const matchCount = useMemo(() => (query ? rows.filter((r) => r.matches).length : 0), [rows, query]);

  const selectedRow = selectedIndex >= 0 ? rows[selectedIndex] : undefined;
  const selectedSpan = p.selectedSpanId ? analysis.spansById.get(p.selectedSpanId) : undefined;

  return (
    <GanttFrame
      {...ganttControls(p)}
      spanCount={trace.spans.length}
      traceStart={trace.startTime}
      durationMs={trace.durationMs}
      paint={paint}
      rows={source}
      selectedIndex={selectedIndex >= 0 ? selectedIndex : null}
      matchCount={matchCount}
      details={
        p.detailsOpen &&
        selectedSpan && (
          <div className="h-[42%] min-h-0 shrink-0 max-md:h-1/2">
            <SpanDetails
              span={selectedSpan}
              traceStart={trace.startTime}
              selfTimeMs={analysis.selfTime.get(selectedSpan.spanId)}
              skew={analysis.skew.get(selectedSpan.spanId)}
              coldStart={analysis.coldStarts.has(selectedSpan.spanId) || (lambdaReports.get(selectedSpan.spanId)?.coldStart ?? false)}
              lambdaReport={lambdaReports.get(selectedSpan.spanId)}
              orphan={selectedRow?.orphan ?? false}
              timeZone={p.timeZone}
              onClose={p.onCloseDetails}
            />
          </div>
        )
      }
    />
  );
}
