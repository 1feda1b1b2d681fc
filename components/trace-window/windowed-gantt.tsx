"use client";

import { useEffect, useMemo, useRef, type ReactNode, type Ref } from "react";
import { useVirtualizer } from "@tanstack/react-virtual";
import { FIRST_PAINT_LIST_RECT, FIRST_PAINT_OVERSCAN } from "@/components/first-paint";
import { useHydrated } from "@/components/use-hydrated";
import { usePhoneLayout } from "@/components/use-phone-layout";
import { GanttAxis, GanttGrid } from "@/components/trace-gantt/gantt-axis";
import { cellPainter, GanttMinimap } from "@/components/trace-gantt/gantt-minimap";
import { GanttRow } from "@/components/trace-gantt/gantt-row";
import type { ZoomRange } from "@/lib/analysis/time-axis";
import { ROWS_PAGE, type MinimapCells, type WindowRow } from "@/lib/analysis/trace-outline";
import { useTraceRowPages, useTraceRowsHead } from "@/lib/client/queries/trace-outline";
import { colorOf } from "@/lib/client/service-colors";
import type { Trace } from "@/lib/model";

export interface WindowedGanttProps {
  traceId: string;
  /** The trace's own fields (no spans). */
  trace: Trace;
  spanCount: number;
  colors: Map<string, string>;
  minimap: MinimapCells;
  /** The view's query string (lib/client/queries/trace-outline.ts, viewQueryString). */
  view: string;
  selectedSpanId: string | null;
  /** The selected span's row in the view, once the server said it; scrolled to when it changes. */
  selectedIndex: number | null;
  onSelectSpan(spanId: string): void;
  /** Rows around the selection, for the keyboard's next and previous span. */
  onRowsLoaded(rows: ReadonlyMap<number, WindowRow>): void;
  zoom: ZoomRange | null;
  onZoom(range: ZoomRange | null): void;
  showCriticalPath: boolean;
  onToggleCriticalPath(): void;
  spanQuery: string;
  onSpanQueryChange(query: string): void;
  onFind(kind: "failure" | "match", direction: "next" | "previous"): void;
  logCounts: Map<string, number>;
  onToggleCollapse(spanId: string): void;
  searchInputRef: Ref<HTMLInputElement>;
  details: ReactNode;
}

const ROW_HEIGHT = 24;
const PHONE_ROW_HEIGHT = 32;
const OVERSCAN = 15;

/**
 * The Gantt chart of a trace too large to send whole: the list is as long as the view's rows, and
 * only the pages of rows on screen are asked of the server (ROWS_PAGE rows each). A row not yet
 * arrived is drawn as a grey placeholder of the same height, so scrolling never waits.
 */
export function WindowedGantt(p: WindowedGanttProps) {
  const scroller = useRef<HTMLDivElement>(null);
  const rowHeight = usePhoneLayout() ? PHONE_ROW_HEIGHT : ROW_HEIGHT;
  const range = p.zoom ?? { from: 0, to: Math.max(p.trace.durationMs, 0.001) };
  const head = useTraceRowsHead(p.traceId, p.view);
  const total = head.data?.total ?? 0;
  // No overscan rows in the server render (components/first-paint.ts); the usual once hydrated.
  const hydrated = useHydrated();
  const virtualizer = useVirtualizer({
    count: total,
    getScrollElement: () => scroller.current,
    estimateSize: () => rowHeight,
    overscan: hydrated ? OVERSCAN : FIRST_PAINT_OVERSCAN,
    initialRect: FIRST_PAINT_LIST_RECT,
  });
  useEffect(() => virtualizer.measure(), [rowHeight, virtualizer]);

  const items = virtualizer.getVirtualItems();
  const firstPage = items.length ? Math.floor(items[0].index / ROWS_PAGE) : 0;
  const lastPage = items.length ? Math.floor(items[items.length - 1].index / ROWS_PAGE) : 0;
  const pages = useMemo(() => Array.from({ length: lastPage - firstPage + 1 }, (_, k) => firstPage + k), [firstPage, lastPage]);
  const others = useTraceRowPages(p.traceId, p.view, pages);

  const headRows = head.isPlaceholderData ? undefined : head.data?.rows;
  const rowsByIndex = useMemo(() => {
    const m = new Map<number, WindowRow>();
    for (const rows of [headRows, ...others]) for (const r of rows ?? []) m.set(r.index, r);
    return m;
  }, [headRows, others]);
  const { onRowsLoaded } = p;
  useEffect(() => onRowsLoaded(rowsByIndex), [rowsByIndex, onRowsLoaded]);

  useEffect(() => {
    if (p.selectedIndex !== null && p.selectedIndex >= 0 && p.selectedIndex < total) virtualizer.scrollToIndex(p.selectedIndex, { align: "auto" });
  }, [p.selectedIndex, total, virtualizer]);

  const paint = useMemo(() => cellPainter(p.minimap, p.trace.services, p.colors), [p.minimap, p.trace.services, p.colors]);
  const query = p.spanQuery.trim();
  const matchCount = head.data?.matchCount ?? 0;
  const button = "rounded border border-slate-300 px-2 py-0.5 text-xs disabled:opacity-40 dark:border-slate-700 max-md:min-h-10 max-md:px-3";

  return (
    <section
      data-testid="trace-gantt"
      data-windowed="true"
      className="flex h-full min-h-0 flex-col [--gantt-label:minmax(15rem,46%)] max-md:[--gantt-label:minmax(8rem,40%)] max-md:[--gantt-indent:8px]"
    >
      <div className="flex items-center gap-2 border-b border-slate-200 px-2 py-1 dark:border-slate-800 max-md:flex-wrap max-md:gap-x-3 max-md:gap-y-1">
        <input
          ref={p.searchInputRef}
          value={p.spanQuery}
          onChange={(e) => p.onSpanQueryChange(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === "Enter" && query) p.onFind("match", e.shiftKey ? "previous" : "next");
          }}
          placeholder="Search spans…  ( / )"
          aria-label="Search spans"
          className="h-7 w-56 rounded border border-slate-300 bg-white px-2 text-xs dark:border-slate-700 dark:bg-slate-900 max-md:h-10 max-md:w-auto max-md:min-w-0 max-md:flex-1 max-md:basis-0 max-md:text-base"
        />
        {query && (
          <span className="text-xs text-slate-500" data-testid="span-match-count">
            {head.isFetching ? "searching…" : `${matchCount.toLocaleString()} match${matchCount === 1 ? "" : "es"}`}
          </span>
        )}
        {query && (
          <button type="button" className={button} onClick={() => p.onFind("match", "next")} disabled={matchCount === 0} title="Next match (Enter)">
            Next match
          </button>
        )}
        <button type="button" className={button} onClick={() => p.onFind("failure", "next")} data-testid="next-failure" title="Next failing span (e)">
          Next failure
        </button>
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
        <button type="button" disabled={!p.zoom} onClick={() => p.onZoom(null)} data-testid="zoom-reset" className={button}>
          Reset zoom
        </button>
      </div>
      <div className="grid grid-cols-[var(--gantt-label)_1fr]">
        <div className="border-b border-r border-slate-200 px-2 text-[10px] uppercase leading-[36px] tracking-wide text-slate-500 dark:border-slate-800">
          {total.toLocaleString()} of {p.spanCount.toLocaleString()} spans
        </div>
        <GanttMinimap durationMs={p.trace.durationMs} paint={paint} zoom={p.zoom} onZoom={p.onZoom} />
        <div className="border-r border-slate-200 dark:border-slate-800" />
        <GanttAxis range={range} onZoom={p.onZoom} />
      </div>
      {head.error && (
        <p role="alert" className="border-b border-red-200 bg-red-50 px-3 py-1 text-xs text-red-800 dark:border-red-900 dark:bg-red-950 dark:text-red-200">
          Could not load the rows: {head.error.message}
        </p>
      )}
      <div ref={scroller} role="grid" aria-label="Spans" aria-rowcount={total} className="relative min-h-0 flex-1 overflow-auto">
        <div className="relative" style={{ height: virtualizer.getTotalSize() }}>
          <div className="absolute inset-y-0 right-0 grid w-full grid-cols-[var(--gantt-label)_1fr]">
            <span />
            <div className="relative">
              <GanttGrid range={range} />
            </div>
          </div>
          {items.map((item) => {
            const row = rowsByIndex.get(item.index);
            if (!row) {
              return (
                <div
                  key={`pending-${item.index}`}
                  data-testid="span-row-pending"
                  className="absolute left-0 flex w-full items-center px-2"
                  style={{ top: item.start, height: rowHeight }}
                >
                  <span className="h-2 w-1/3 rounded bg-slate-200 dark:bg-slate-800" />
                </div>
              );
            }
            const id = row.span.spanId;
            return (
              <div key={id} className="absolute left-0 w-full" style={{ top: item.start, height: rowHeight }}>
                <GanttRow
                  row={row}
                  traceStart={p.trace.startTime}
                  range={range}
                  color={colorOf(p.colors, row.span.service)}
                  selected={id === p.selectedSpanId}
                  critical={p.showCriticalPath ? row.critical : null}
                  onCriticalPath={row.onCriticalPath}
                  skew={row.skew ?? undefined}
                  coldStart={row.coldStart}
                  lambdaReport={undefined}
                  logCount={p.logCounts.get(id) ?? 0}
                  searchHit={query !== "" && row.matches}
                  folded={{ spans: row.descendants, failures: row.descendantFailures }}
                  onSelect={p.onSelectSpan}
                  onToggle={p.onToggleCollapse}
                />
              </div>
            );
          })}
        </div>
      </div>
      {p.details}
    </section>
  );
}
