"use client";

import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import { GanttFrame, ganttControls, type GanttControls, type GanttRowSource } from "@/components/trace-gantt/gantt-frame";
import { cellPainter } from "@/components/trace-gantt/gantt-minimap";
import { ROWS_PAGE, type MinimapCells, type WindowRow } from "@/lib/analysis/trace-outline";
import { useTraceRowPages, useTraceRowsHead } from "@/lib/client/queries/trace-outline";
import { colorOf } from "@/lib/client/service-colors";
import type { Trace } from "@/lib/model";
import { rowPagesFor, samePages, scrollDirection, type RowWindow, type ScrollDirection } from "./row-pages";

export interface WindowedGanttProps extends GanttControls {
  traceId: string;
  /** The trace's own fields (no spans). */
  trace: Trace;
  spanCount: number;
  colors: Map<string, string>;
  minimap: MinimapCells;
  /** The view's query string (lib/client/queries/trace-outline.ts, viewQueryString). */
  view: string;
  /** The search typed is not asked yet (the outline is partial): its matches are shown as being counted. */
  searchWaits?: boolean;
  /** The selected span's row in the view, once the server said it; scrolled to when it changes. */
  selectedIndex: number | null;
  /** Rows around the selection, for the keyboard's next and previous span. */
  onRowsLoaded(rows: ReadonlyMap<number, WindowRow>): void;
  onFind(kind: "failure" | "match", direction: "next" | "previous"): void;
  logCounts: Map<string, number>;
  details: ReactNode;
}

/**
 * The Gantt chart of a trace too large to send whole: the list is as long as the view's rows, and
 * only the pages of rows drawn, and the next ones in the direction of scroll, are asked of the server
 * (ROWS_PAGE rows each; row-pages.ts). A row not yet arrived is drawn as a grey placeholder of the
 * same height, so scrolling never waits; the pages no longer drawn are kept up to ROW_PAGES_KEPT.
 */
export function WindowedGantt(p: WindowedGanttProps) {
  const head = useTraceRowsHead(p.traceId, p.view);
  const total = head.data?.total ?? 0;

  const [pages, setPages] = useState<readonly number[]>([0]);
  const shown = useRef<RowWindow | null>(null);
  const direction = useRef<ScrollDirection>(0);
  const onRowsShown = useCallback(
    (first: number, last: number) => {
      const next = { first, last };
      direction.current = scrollDirection(shown.current, next, direction.current);
      shown.current = next;
      const wanted = rowPagesFor(next, direction.current, total, ROWS_PAGE);
      setPages((prev) => (samePages(prev, wanted) ? prev : wanted));
    },
    [total],
  );
  const others = useTraceRowPages(p.traceId, p.view, pages);

  const headRows = head.isPlaceholderData ? undefined : head.data?.rows;
  const rowsByIndex = useMemo(() => {
    const m = new Map<number, WindowRow>();
    for (const rows of [headRows, ...others]) for (const r of rows ?? []) m.set(r.index, r);
    return m;
  }, [headRows, others]);
  const { onRowsLoaded, colors, logCounts } = p;
  useEffect(() => onRowsLoaded(rowsByIndex), [rowsByIndex, onRowsLoaded]);

  const source = useMemo<GanttRowSource>(
    () => ({
      count: total,
      rowAt(index) {
        const row = rowsByIndex.get(index);
        if (!row) return null;
        return {
          row,
          color: colorOf(colors, row.span.service),
          critical: row.critical,
          onCriticalPath: row.onCriticalPath,
          skew: row.skew ?? undefined,
          coldStart: row.coldStart,
          lambdaReport: undefined,
          logCount: logCounts.get(row.span.spanId) ?? 0,
          foldedSpans: row.descendants,
          foldedFailures: row.descendantFailures,
        };
      },
    }),
    [total, rowsByIndex, colors, logCounts],
  );

  const paint = useMemo(() => cellPainter(p.minimap, p.trace.services, colors), [p.minimap, p.trace.services, colors]);

  return (
    <GanttFrame
      {...ganttControls(p)}
      windowed
      spanCount={p.spanCount}
      traceStart={p.trace.startTime}
      durationMs={p.trace.durationMs}
      paint={paint}
      rows={source}
      selectedIndex={p.selectedIndex}
      onRowsShown={onRowsShown}
      matchCount={p.searchWaits || head.isFetching ? null : (head.data?.matchCount ?? 0)}
      onFind={p.onFind}
      alert={
        head.error && (
          <p role="alert" className="border-b border-red-200 bg-red-50 px-3 py-1 text-xs text-red-800 dark:border-red-900 dark:bg-red-950 dark:text-red-200">
            Could not load the rows: {head.error.message}
          </p>
        )
      }
      details={p.details}
    />
  );
}
