"use client";

import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import { resolveLogSpans } from "@/lib/analysis/log-span-index";
import { MAX_COLLAPSED, PLAIN_VIEW, viewQueryString, type OutlineStats, type OutlineSummary, type WindowRow } from "@/lib/analysis/trace-outline";
import type { TraceStats } from "@/lib/analysis/trace-stats";
import { findTraceSpan, useTraceSpan } from "@/lib/client/queries/trace-outline";
import { serviceColors } from "@/lib/client/service-colors";
import { useEarlyClickSelection } from "@/components/early-clicks";
import { useShortcuts } from "@/lib/client/use-shortcuts";
import type { Trace } from "@/lib/model";
import { LogTimeline } from "@/components/log-timeline/log-timeline";
import { ServiceMap } from "@/components/service-map/service-map";
import { SpanDetails, usePrefetchedSpanDetails } from "@/components/trace-gantt/lazy-span-details";
import { TraceHeader } from "@/components/trace-page/trace-header";
import { TraceLayout } from "@/components/trace-page/trace-layout";
import type { TraceViewLogs } from "@/components/trace-page/trace-view";
import { useTraceView, viewGanttControls, viewLogProps, viewShortcuts } from "@/components/trace-page/use-trace-view";
import { WindowedGantt } from "./windowed-gantt";

export interface WindowedTraceViewProps {
  traceId: string;
  summary: OutlineSummary;
  logs: TraceViewLogs;
  onCancelLogs?: () => void;
  actions?: ReactNode;
  /** Why the actions that need the whole trace are not offered (it is too large to hold), said in the banner. */
  wholeTraceNote?: string;
}

/** The span search reaches the server this long after the last keystroke. */
const SEARCH_DEBOUNCE_MS = 250;

function useDebounced<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return settled;
}

const statsOf = (s: OutlineStats): TraceStats => ({ ...s, spansPerService: new Map(s.spansPerService) });

/**
 * The trace page for a trace too large to send whole (more than TRACE_WINDOW_FROM_SPANS spans): the
 * server holds the span tree; the Gantt asks for the rows on screen, the selected span is fetched
 * alone, search and "next failure" run on the server over the whole trace. Same URL state, same
 * panels, same keys as the whole-trace view.
 */
export function WindowedTraceView({ traceId, summary, logs, onCancelLogs, actions, wholeTraceNote }: WindowedTraceViewProps) {
  const { trace } = summary;
  const { view, update, timeZone } = useTraceView();
  const [collapsed, setCollapsed] = useState<readonly string[]>([]);
  const [detailsOpen, setDetailsOpen] = useState(view.spanId !== null);
  const [note, setNote] = useState<string | null>(null);
  const spanSearch = useRef<HTMLInputElement>(null);
  const logSearch = useRef<HTMLInputElement>(null);
  const rowsNearby = useRef<ReadonlyMap<number, WindowRow>>(new Map());
  const onRowsLoaded = useCallback((rows: ReadonlyMap<number, WindowRow>) => {
    rowsNearby.current = rows;
  }, []);

  // An outline laid out before the trace's latest spans arrived answers the plain view only: search,
  // the service filter, folds and span places wait for the newer outline (its row numbers differ).
  const { partial } = summary;
  const query = useDebounced(view.spanQuery, SEARCH_DEBOUNCE_MS);
  const viewString = partial ? viewQueryString(PLAIN_VIEW) : viewQueryString({ query, service: view.service, collapsed });
  const location = useTraceSpan(traceId, partial ? null : view.spanId, viewString);
  const waitNote = partial && `waits until all ${partial.traceSpanCount.toLocaleString()} spans are laid out.`;
  const located = location.data;
  // A span selected inside folded subtrees (a link, a log line): unfold its ancestors, as the server said.
  useEffect(() => {
    if (located && located.unfolded.length > 0) setCollapsed((prev) => prev.filter((id) => !located.unfolded.includes(id)));
  }, [located]);
  // Until the server has located the selected span, a row already on hand (the one clicked, or
  // reached by j/k) gives its place and details at once: a click shows them without a round trip.
  const current = located && located.span.spanId === view.spanId ? located : null;
  const onHand = useMemo(() => {
    if (!view.spanId || current) return null;
    for (const row of rowsNearby.current.values()) if (row.span.spanId === view.spanId) return row;
    return null;
  }, [view.spanId, current]);
  const selectedIndex = current ? (current.unfolded.length === 0 ? current.index : null) : (onHand?.index ?? null);

  const stats = useMemo(() => statsOf(summary.stats), [summary.stats]);
  const colors = useMemo(() => serviceColors(trace.services), [trace.services]);
  // The log panel sees the selected span only: enough for its highlight and time strip.
  const selectedSpan = current?.span ?? onHand?.span ?? null;
  const logTrace = useMemo<Trace>(() => ({ ...trace, spans: selectedSpan ? [selectedSpan] : [] }), [trace, selectedSpan]);
  const events = logs.data?.events;
  const logCounts = useMemo(() => {
    const counts = new Map<string, number>();
    if (!events) return counts;
    for (const spanId of resolveLogSpans(events, [], { traceId })) if (spanId) counts.set(spanId, (counts.get(spanId) ?? 0) + 1);
    return counts;
  }, [events, traceId]);

  const selectSpan = useCallback(
    (spanId: string) => {
      update({ spanId });
      setDetailsOpen(true);
      setNote(null);
    },
    [update],
  );
  useEarlyClickSelection(selectSpan);
  const toggleCollapse = useCallback(
    (spanId: string) => {
      if (waitNote) return setNote(`Folding ${waitNote}`);
      setCollapsed((prev) => {
        if (prev.includes(spanId)) return prev.filter((id) => id !== spanId);
        if (prev.length >= MAX_COLLAPSED) {
          setNote(`At most ${MAX_COLLAPSED} spans can be folded at once.`);
          return prev;
        }
        return [...prev, spanId];
      });
    },
    [waitNote],
  );

  const find = useCallback(
    async (kind: "failure" | "match", direction: "next" | "previous") => {
      if (waitNote) return setNote(`${kind === "failure" ? "“Next failure”" : "Search"} ${waitNote}`);
      try {
        const found = await findTraceSpan(traceId, viewString, { from: view.spanId, direction, kind });
        if (found.span === null) {
          setNote(kind === "failure" ? "No failing span in this trace." : "No span matches the search.");
          return;
        }
        if ("unfolded" in found && found.unfolded.length > 0) setCollapsed((prev) => prev.filter((id) => !found.unfolded.includes(id)));
        selectSpan(found.span.spanId);
      } catch (error) {
        setNote(`Search failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    },
    [traceId, viewString, view.spanId, selectSpan, waitNote],
  );

  const move = (delta: 1 | -1) => {
    const rows = rowsNearby.current;
    if (selectedIndex === null) {
      const first = rows.get(0);
      if (first) update({ spanId: first.span.spanId });
      return;
    }
    const next = rows.get(selectedIndex + delta);
    if (next) update({ spanId: next.span.spanId });
  };
  usePrefetchedSpanDetails();
  useShortcuts("trace", {
    "next-span": () => move(1),
    "previous-span": () => move(-1),
    "next-failure": () => void find("failure", "next"),
    "previous-failure": () => void find("failure", "previous"),
    ...viewShortcuts({ view, update, setDetailsOpen, spanSearch }),
  });

  const shown = current ?? (onHand && { span: onHand.span, selfTimeMs: undefined, skew: onHand.skew, coldStart: onHand.coldStart, orphan: onHand.orphan });
  const details =
    detailsOpen && shown ? (
      <div className="h-[42%] min-h-0 shrink-0 max-md:h-1/2">
        <SpanDetails
          span={shown.span}
          traceStart={trace.startTime}
          selfTimeMs={shown.selfTimeMs}
          skew={shown.skew ?? undefined}
          coldStart={shown.coldStart}
          lambdaReport={undefined}
          orphan={shown.orphan}
          timeZone={timeZone}
          onClose={() => setDetailsOpen(false)}
        />
      </div>
    ) : null;

  return (
    <TraceLayout
      trace={trace}
      banner={
        <div
          role="note"
          data-testid="windowed-note"
          className="border-b border-slate-200 bg-slate-50 px-3 py-1 text-xs text-slate-700 dark:border-slate-800 dark:bg-slate-900 dark:text-slate-300"
        >
          {partial ? (
            <span data-testid="partial-outline">
              <strong>
                Spans still arriving: {stats.spanCount.toLocaleString()} of {partial.traceSpanCount.toLocaleString()} laid out so far.
              </strong>{" "}
              The rest replaces this view as soon as it is laid out; search, the service filter, folds, a linked span and “Next failure” apply then.
            </span>
          ) : (
            <>
              Large trace ({stats.spanCount.toLocaleString()} spans): rows arrive as you scroll; search and “Next failure” (e) cover the whole trace.
              {wholeTraceNote && ` ${wholeTraceNote}`}
            </>
          )}
          {note && (
            <strong role="status" className="ml-2 text-amber-800 dark:text-amber-300">
              {note}
            </strong>
          )}
        </div>
      }
      header={
        <TraceHeader
          trace={trace}
          stats={stats}
          coldStartCount={summary.stats.coldStartCount}
          timeZone={timeZone}
          onTimeZone={(timeZone) => update({ timeZone })}
          actions={actions}
        />
      }
      service={view.service}
      onClearService={() => update({ service: null })}
      logCount={events?.length ?? null}
      panels={{
        map: (
          <ServiceMap
            graph={summary.graph}
            nodeColors={colors}
            selectedService={view.service}
            focusService={selectedSpan?.service ?? null}
            onSelectService={(service) => update({ service })}
            label={`Service map of trace ${trace.traceId}`}
          />
        ),
        gantt: (
          <WindowedGantt
            {...viewGanttControls({ view, update, selectSpan, toggleCollapse, spanSearch })}
            traceId={traceId}
            trace={trace}
            spanCount={stats.spanCount}
            colors={colors}
            minimap={summary.minimap}
            view={viewString}
            searchWaits={partial !== undefined}
            selectedIndex={selectedIndex}
            onRowsLoaded={onRowsLoaded}
            onFind={(kind, direction) => void find(kind, direction)}
            logCounts={logCounts}
            details={details}
          />
        ),
        logs: <LogTimeline trace={logTrace} windowed logs={logs} {...viewLogProps({ view, update, trace, timeZone, logSearch, onCancelLogs })} />,
      }}
    />
  );
}
