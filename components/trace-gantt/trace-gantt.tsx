"use client";

import { useEffect, useMemo, useRef, type Ref } from "react";
import dynamic from "next/dynamic";
import { useVirtualizer } from "@tanstack/react-virtual";
import { FIRST_PAINT_LIST_RECT, FIRST_PAINT_OVERSCAN } from "@/components/first-paint";
import { useHydrated } from "@/components/use-hydrated";
import type { ZoomRange } from "@/lib/analysis/time-axis";
import type { LambdaReport } from "@/lib/analysis/lambda-report";
import type { VisibleRow } from "@/lib/analysis/visible-rows";
import { colorOf } from "@/lib/client/service-colors";
import type { Trace } from "@/lib/model";
import type { TimeZoneMode } from "@/lib/trace-view-state";
import type { TraceAnalysis } from "@/components/trace-page/trace-analysis";
import { usePhoneLayout } from "@/components/use-phone-layout";
import { GanttAxis, GanttGrid } from "./gantt-axis";
import { GanttMinimap, spanPainter } from "./gantt-minimap";
import { GanttRow } from "./gantt-row";

export interface TraceGanttProps {
  trace: Trace;
  analysis: TraceAnalysis;
  rows: VisibleRow[];
  selectedSpanId: string | null;
  onSelectSpan(spanId: string): void;
  /** ms relative to the trace start; null = the whole trace. */
  zoom: ZoomRange | null;
  onZoom(range: ZoomRange | null): void;
  showCriticalPath: boolean;
  onToggleCriticalPath(): void;
  spanQuery: string;
  onSpanQueryChange(query: string): void;
  /** Log lines per span, for the markers on the rows. */
  logCounts: Map<string, number>;
  /** Lambda REPORT lines by the invocation span they describe. */
  lambdaReports: Map<string, LambdaReport>;
  collapsed: ReadonlySet<string>;
  onToggleCollapse(spanId: string): void;
  detailsOpen: boolean;
  onCloseDetails(): void;
  timeZone: TimeZoneMode;
  searchInputRef: Ref<HTMLInputElement>;
}

/**
 * The selected span's details: their own chunk, loaded when a span is first opened (first-load
 * JavaScript of the trace page, issue 14). A link with a span selected renders them on the server,
 * which preloads the chunk.
 */
const SpanDetails = dynamic(() => import("./span-details").then((m) => m.SpanDetails));

const ROW_HEIGHT = 24;
/** Rows tall enough to tap on a phone. */
const PHONE_ROW_HEIGHT = 32;

export function TraceGantt(p: TraceGanttProps) {
  const scroller = useRef<HTMLDivElement>(null);
  const range = p.zoom ?? { from: 0, to: Math.max(p.trace.durationMs, 0.001) };
  const rowHeight = usePhoneLayout() ? PHONE_ROW_HEIGHT : ROW_HEIGHT;
  const hydrated = useHydrated();
  const virtualizer = useVirtualizer({
    count: p.rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => rowHeight,
    overscan: hydrated ? 15 : FIRST_PAINT_OVERSCAN,
    // Rows in the server render too (the panel is measured once hydrated).
    initialRect: FIRST_PAINT_LIST_RECT,
  });
  useEffect(() => virtualizer.measure(), [rowHeight, virtualizer]);
  const paint = useMemo(() => spanPainter(p.trace, p.analysis.colors), [p.trace, p.analysis.colors]);

  // Keep the selected span in view when it changes (keyboard, a click on a log line, a link).
  const selectedIndex = p.selectedSpanId ? p.rows.findIndex((r) => r.span.spanId === p.selectedSpanId) : -1;
  useEffect(() => {
    if (selectedIndex >= 0) virtualizer.scrollToIndex(selectedIndex, { align: "auto" });
  }, [selectedIndex, virtualizer]);

  const selectedRow = selectedIndex >= 0 ? p.rows[selectedIndex] : undefined;
  const selectedSpan = p.selectedSpanId ? p.analysis.spansById.get(p.selectedSpanId) : undefined;
  const query = p.spanQuery.trim();
  const matchCount = query ? p.rows.filter((r) => r.matches).length : 0;

  return (
    <section
      data-testid="trace-gantt"
      className="flex h-full min-h-0 flex-col [--gantt-label:minmax(15rem,46%)] max-md:[--gantt-label:minmax(8rem,40%)] max-md:[--gantt-indent:8px]"
    >
      <div className="flex items-center gap-2 border-b border-slate-200 px-2 py-1 dark:border-slate-800 max-md:flex-wrap max-md:gap-x-3 max-md:gap-y-1">
        <input
          ref={p.searchInputRef}
          value={p.spanQuery}
          onChange={(e) => p.onSpanQueryChange(e.target.value)}
          placeholder="Search spans…  ( / )"
          aria-label="Search spans"
          className="h-7 w-56 rounded border border-slate-300 bg-white px-2 text-xs dark:border-slate-700 dark:bg-slate-900 max-md:h-10 max-md:w-auto max-md:min-w-0 max-md:flex-1 max-md:basis-0 max-md:text-base"
        />
        {query && (
          <span className="text-xs text-slate-500">
            {matchCount} match{matchCount === 1 ? "" : "es"}
          </span>
        )}
        <label className="ml-auto flex items-center gap-1 text-xs max-md:min-h-10 max-md:gap-2">
          <input
            type="checkbox"
            checked={p.showCriticalPath}
            onChange={p.onToggleCriticalPath}
            data-testid="critical-path-toggle"
            className="max-md:h-5 max-md:w-5"
          />
          Critical path
        </label>
        <button
          type="button"
          disabled={!p.zoom}
          onClick={() => p.onZoom(null)}
          data-testid="zoom-reset"
          className="rounded border border-slate-300 px-2 py-0.5 text-xs disabled:opacity-40 dark:border-slate-700 max-md:min-h-10 max-md:px-3"
        >
          Reset zoom
        </button>
      </div>
      <div className="grid grid-cols-[var(--gantt-label)_1fr]">
        <div className="border-b border-r border-slate-200 px-2 text-[10px] uppercase leading-[36px] tracking-wide text-slate-500 dark:border-slate-800">
          {p.rows.length.toLocaleString()} of {p.trace.spans.length.toLocaleString()} spans
        </div>
        <GanttMinimap durationMs={p.trace.durationMs} paint={paint} zoom={p.zoom} onZoom={p.onZoom} />
        <div className="border-r border-slate-200 dark:border-slate-800" />
        <GanttAxis range={range} onZoom={p.onZoom} />
      </div>
      <div ref={scroller} role="grid" aria-label="Spans" className="relative min-h-0 flex-1 overflow-auto">
        <div className="relative" style={{ height: virtualizer.getTotalSize() }}>
          <div className="absolute inset-y-0 right-0 grid w-full grid-cols-[var(--gantt-label)_1fr]">
            <span />
            <div className="relative">
              <GanttGrid range={range} />
            </div>
          </div>
          {virtualizer.getVirtualItems().map((item) => {
            const row = p.rows[item.index];
            const id = row.span.spanId;
            return (
              <div key={id} className="absolute left-0 w-full" style={{ top: item.start, height: rowHeight }}>
                <GanttRow
                  row={row}
                  traceStart={p.trace.startTime}
                  range={range}
                  color={colorOf(p.analysis.colors, row.span.service)}
                  selected={id === p.selectedSpanId}
                  critical={p.showCriticalPath ? (p.analysis.critical.get(id) ?? []) : null}
                  onCriticalPath={p.analysis.criticalIds.has(id)}
                  skew={p.analysis.skew.get(id)}
                  coldStart={p.analysis.coldStarts.has(id) || (p.lambdaReports.get(id)?.coldStart ?? false)}
                  lambdaReport={p.lambdaReports.get(id)}
                  logCount={p.logCounts.get(id) ?? 0}
                  searchHit={query !== "" && row.matches}
                  onSelect={p.onSelectSpan}
                  onToggle={p.onToggleCollapse}
                />
              </div>
            );
          })}
        </div>
      </div>
      {p.detailsOpen && selectedSpan && (
        <div className="h-[42%] min-h-0 shrink-0 max-md:h-1/2">
          <SpanDetails
            span={selectedSpan}
            traceStart={p.trace.startTime}
            selfTimeMs={p.analysis.selfTime.get(selectedSpan.spanId)}
            skew={p.analysis.skew.get(selectedSpan.spanId)}
            coldStart={p.analysis.coldStarts.has(selectedSpan.spanId) || (p.lambdaReports.get(selectedSpan.spanId)?.coldStart ?? false)}
            lambdaReport={p.lambdaReports.get(selectedSpan.spanId)}
            orphan={selectedRow?.orphan ?? false}
            timeZone={p.timeZone}
            onClose={p.onCloseDetails}
          />
        </div>
      )}
    </section>
  );
}
