"use client";

import { memo, useEffect, useMemo, useRef, type ReactNode, type Ref } from "react";
import { useVirtualizer } from "@tanstack/react-virtual";
import { FIRST_PAINT_LIST_RECT, FIRST_PAINT_OVERSCAN } from "@/components/first-paint";
import { useHydrated } from "@/components/use-hydrated";
import { usePhoneLayout } from "@/components/use-phone-layout";
import type { ZoomRange } from "@/lib/analysis/time-axis";
import { GanttAxis, GanttGrid } from "./gantt-axis";
import { GanttMinimap, type MinimapPainter } from "./gantt-minimap";
import { GanttRow, type GanttRowProps } from "./gantt-row";

/**
 * What a row source says of one row: the span's row and its marks. Each field should keep its
 * identity while the row is unchanged (the same row object, the same critical sections), so that a
 * row already on screen is not drawn again when the list re-renders.
 */
export type GanttRowData = Pick<
  GanttRowProps,
  "row" | "color" | "critical" | "onCriticalPath" | "skew" | "coldStart" | "lambdaReport" | "logCount" | "foldedSpans" | "foldedFailures"
>;

/** The rows of the list: how many, and the one at an index (null while it has not arrived: a grey placeholder is drawn). */
export interface GanttRowSource {
  count: number;
  rowAt(index: number): GanttRowData | null;
}

/** Server-side search and "next failure" (the windowed view): Enter and the buttons call it. */
type Find = (kind: "failure" | "match", direction: "next" | "previous") => void;

/** What the trace page controls of a Gantt, whole or windowed: selection, folding, zoom, critical path, search. */
export interface GanttControls {
  selectedSpanId: string | null;
  onSelectSpan(spanId: string): void;
  onToggleCollapse(spanId: string): void;
  /** ms relative to the trace start; null = the whole trace. */
  zoom: ZoomRange | null;
  onZoom(range: ZoomRange | null): void;
  showCriticalPath: boolean;
  onToggleCriticalPath(): void;
  spanQuery: string;
  onSpanQueryChange(query: string): void;
  searchInputRef: Ref<HTMLInputElement>;
}

/** The controls alone, of props that carry more. */
export const ganttControls = (p: GanttControls): GanttControls => ({
  selectedSpanId: p.selectedSpanId,
  onSelectSpan: p.onSelectSpan,
  onToggleCollapse: p.onToggleCollapse,
  zoom: p.zoom,
  onZoom: p.onZoom,
  showCriticalPath: p.showCriticalPath,
  onToggleCriticalPath: p.onToggleCriticalPath,
  spanQuery: p.spanQuery,
  onSpanQueryChange: p.onSpanQueryChange,
  searchInputRef: p.searchInputRef,
});

export interface GanttFrameProps extends GanttControls {
  /** data-windowed on the section: the view of a trace too large to send whole. */
  windowed?: boolean;
  /** Spans in the whole trace (the header says "rows of spans"). */
  spanCount: number;
  traceStart: number;
  durationMs: number;
  paint: MinimapPainter;
  rows: GanttRowSource;
  /** The selected span's row; scrolled into view when it changes. */
  selectedIndex: number | null;
  /** The rows drawn (overscan included), each time they change: the windowed view fetches their pages. */
  onRowsShown?(first: number, last: number): void;
  /** Matches of the search; null while they are being counted. */
  matchCount: number | null;
  onFind?: Find;
  /** Above the rows (an error). */
  alert?: ReactNode;
  /** Below the rows (the selected span's details). */
  details?: ReactNode;
}

const ROW_HEIGHT = 24;
/** Rows tall enough to tap on a phone. */
const PHONE_ROW_HEIGHT = 32;
const OVERSCAN = 15;
const BUTTON = "rounded border border-slate-300 px-2 py-0.5 text-xs disabled:opacity-40 dark:border-slate-700 max-md:min-h-10 max-md:px-3";

/**
 * The Gantt chart's frame, the same for a whole trace (TraceGantt) and a windowed one
 * (WindowedGantt): the toolbar, the minimap and time axis, and the virtualized rows. Scrolling
 * re-renders the rows' list only; a row is drawn again only when what it shows changes.
 */
export function GanttFrame(p: GanttFrameProps) {
  const durationMs = Math.max(p.durationMs, 0.001);
  const zoomFrom = p.zoom?.from;
  const zoomTo = p.zoom?.to;
  // One object while the zoom is unchanged: the rows compare it by identity.
  const range = useMemo<ZoomRange>(
    () => (zoomFrom !== undefined && zoomTo !== undefined ? { from: zoomFrom, to: zoomTo } : { from: 0, to: durationMs }),
    [zoomFrom, zoomTo, durationMs],
  );
  const query = p.spanQuery.trim();
  const { onFind } = p;
  return (
    <section
      data-testid="trace-gantt"
      data-windowed={p.windowed ? "true" : undefined}
      className="flex h-full min-h-0 flex-col [--gantt-label:minmax(15rem,46%)] max-md:[--gantt-label:minmax(8rem,40%)] max-md:[--gantt-indent:8px]"
    >
      <div className="flex items-center gap-2 border-b border-slate-200 px-2 py-1 dark:border-slate-800 max-md:flex-wrap max-md:gap-x-3 max-md:gap-y-1">
        <input
          ref={p.searchInputRef}
          value={p.spanQuery}
          onChange={(e) => p.onSpanQueryChange(e.target.value)}
          onKeyDown={(e) => {
            if (onFind && e.key === "Enter" && query) onFind("match", e.shiftKey ? "previous" : "next");
          }}
          placeholder="Search spans…  ( / )"
          aria-label="Search spans"
          className="h-7 w-56 rounded border border-slate-300 bg-white px-2 text-xs dark:border-slate-700 dark:bg-slate-900 max-md:h-10 max-md:w-auto max-md:min-w-0 max-md:flex-1 max-md:basis-0 max-md:text-base"
        />
        {query && (
          <span className="text-xs text-slate-500" data-testid="span-match-count">
            {p.matchCount === null ? "searching…" : `${p.matchCount.toLocaleString()} match${p.matchCount === 1 ? "" : "es"}`}
          </span>
        )}
        {query && onFind && (
          <button type="button" className={BUTTON} onClick={() => onFind("match", "next")} disabled={!p.matchCount} title="Next match (Enter)">
            Next match
          </button>
        )}
        {onFind && (
          <button type="button" className={BUTTON} onClick={() => onFind("failure", "next")} data-testid="next-failure" title="Next failing span (e)">
            Next failure
          </button>
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
        <button type="button" disabled={!p.zoom} onClick={() => p.onZoom(null)} data-testid="zoom-reset" className={BUTTON}>
          Reset zoom
        </button>
      </div>
      <GanttHeader rowCount={p.rows.count} spanCount={p.spanCount} durationMs={p.durationMs} paint={p.paint} zoom={p.zoom} range={range} onZoom={p.onZoom} />
      {p.alert}
      <GanttRows
        source={p.rows}
        traceStart={p.traceStart}
        range={range}
        selectedSpanId={p.selectedSpanId}
        selectedIndex={p.selectedIndex}
        searching={query !== ""}
        showCriticalPath={p.showCriticalPath}
        onSelect={p.onSelectSpan}
        onToggle={p.onToggleCollapse}
        onRowsShown={p.onRowsShown}
      />
      {p.details}
    </section>
  );
}

interface HeaderProps {
  rowCount: number;
  spanCount: number;
  durationMs: number;
  paint: MinimapPainter;
  zoom: ZoomRange | null;
  range: ZoomRange;
  onZoom(range: ZoomRange | null): void;
}

/** The count, the minimap and the time axis: drawn again only when one of them changes. */
const GanttHeader = memo(function GanttHeader(p: HeaderProps) {
  return (
    <div className="grid grid-cols-[var(--gantt-label)_1fr]">
      <div className="border-b border-r border-slate-200 px-2 text-[10px] uppercase leading-[36px] tracking-wide text-slate-500 dark:border-slate-800">
        {p.rowCount.toLocaleString()} of {p.spanCount.toLocaleString()} spans
      </div>
      <GanttMinimap durationMs={p.durationMs} paint={p.paint} zoom={p.zoom} onZoom={p.onZoom} />
      <div className="border-r border-slate-200 dark:border-slate-800" />
      <GanttAxis range={p.range} onZoom={p.onZoom} />
    </div>
  );
});

interface RowsProps {
  source: GanttRowSource;
  traceStart: number;
  range: ZoomRange;
  selectedSpanId: string | null;
  selectedIndex: number | null;
  searching: boolean;
  showCriticalPath: boolean;
  onSelect(spanId: string): void;
  onToggle(spanId: string): void;
  onRowsShown?(first: number, last: number): void;
}

/**
 * The virtualized rows. The virtualizer lives here, so a scroll re-renders this list alone; each row
 * is a fixed-height box placed by a transform and contained (its layout and paint are its own), and
 * its content is memoised, so a frame of scrolling mounts the rows that came into view and nothing else.
 */
function GanttRows({ source, traceStart, range, selectedSpanId, selectedIndex, searching, showCriticalPath, onSelect, onToggle, onRowsShown }: RowsProps) {
  const scroller = useRef<HTMLDivElement>(null);
  const rowHeight = usePhoneLayout() ? PHONE_ROW_HEIGHT : ROW_HEIGHT;
  // No overscan rows in the server render (components/first-paint.ts); the usual once hydrated.
  const hydrated = useHydrated();
  const virtualizer = useVirtualizer({
    count: source.count,
    getScrollElement: () => scroller.current,
    estimateSize: () => rowHeight,
    overscan: hydrated ? OVERSCAN : FIRST_PAINT_OVERSCAN,
    // Rows in the server render too (the panel is measured once hydrated).
    initialRect: FIRST_PAINT_LIST_RECT,
  });
  useEffect(() => virtualizer.measure(), [rowHeight, virtualizer]);

  // Keep the selected span in view when it changes (keyboard, a click on a log line, a link, a search).
  useEffect(() => {
    if (selectedIndex !== null && selectedIndex >= 0 && selectedIndex < source.count) virtualizer.scrollToIndex(selectedIndex, { align: "auto" });
  }, [selectedIndex, source.count, virtualizer]);

  const items = virtualizer.getVirtualItems();
  const first = items.length ? items[0].index : -1;
  const last = items.length ? items[items.length - 1].index : -1;
  useEffect(() => {
    if (first >= 0) onRowsShown?.(first, last);
  }, [first, last, onRowsShown]);

  return (
    <div ref={scroller} role="grid" aria-label="Spans" aria-rowcount={source.count} className="relative min-h-0 flex-1 overflow-auto">
      <div className="relative" style={{ height: virtualizer.getTotalSize() }}>
        <div className="absolute inset-y-0 right-0 grid w-full grid-cols-[var(--gantt-label)_1fr]">
          <span />
          <div className="relative">
            <GanttGrid range={range} />
          </div>
        </div>
        {items.map((item) => {
          const data = source.rowAt(item.index);
          return (
            <div
              key={item.index}
              className="absolute left-0 top-0 w-full [contain:strict]"
              style={{ height: rowHeight, transform: `translateY(${item.start}px)` }}
            >
              {data ? (
                <GanttRow
                  {...data}
                  traceStart={traceStart}
                  range={range}
                  selected={data.row.span.spanId === selectedSpanId}
                  critical={showCriticalPath ? data.critical : null}
                  searchHit={searching && data.row.matches}
                  onSelect={onSelect}
                  onToggle={onToggle}
                />
              ) : (
                <PendingRow />
              )}
            </div>
          );
        })}
      </div>
    </div>
  );
}

/** A row not yet arrived: a grey bar of the row's height, so scrolling never waits. */
const PendingRow = memo(function PendingRow() {
  return (
    <div data-testid="span-row-pending" className="flex h-full w-full items-center px-2">
      <span className="h-2 w-1/3 rounded bg-slate-200 dark:bg-slate-800" />
    </div>
  );
});
