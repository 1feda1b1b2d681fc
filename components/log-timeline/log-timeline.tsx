"use client";

import { useCallback, useDeferredValue, useMemo, useRef, type JSX, type Ref } from "react";
import { firstAtOrAfter, indexLogs, matchLogs, withinRange, zoomWindow } from "@/lib/client/log-filter";
import { describeLogs } from "@/lib/client/log-status";
import { serviceColors } from "@/lib/client/service-colors";
import type { LogEvent, LogsResult, Span, Trace } from "@/lib/model";
import { LogEmpty, LogFailure, LogPartial, LogRefused } from "./log-notices";
import { LogTimeStrip } from "./log-time-strip";
import { LogToolbar } from "./log-toolbar";
import { VirtualLogList, type LogListHandle } from "./virtual-log-list";

export interface LogTimelineProps {
  trace: Trace;
  logs: { data: LogsResult | undefined; error: Error | null; isPending: boolean };
  selectedSpanId: string | null;
  /** A log line was clicked: select its span (the one it names, or the one it was resolved to). */
  onSelectSpan(spanId: string): void;
  /** Keep the lines of this service: written by it, or belonging to a span spanMatchesService keeps. */
  service: string | null;
  /** Case-insensitive substring over the message and the field values. */
  query: string;
  onQueryChange(query: string): void;
  /** Absolute epoch ms: the Gantt's current zoom (the whole trace when not zoomed). */
  visibleRange: { from: number; to: number };
  timeZone: "utc" | "local";
  /** Forwarded to the filter input (the page focuses it on `/`). */
  searchInputRef?: Ref<HTMLInputElement>;
  /** Stops a running logs search (a Logs Insights query). */
  onCancel?: () => void;
  /** A large trace the browser holds only the selected span of: lines attach by the span ID they carry. */
  windowed?: boolean;
}

const NO_EVENTS: LogEvent[] = [];
const NO_SPANS: Span[] = [];

/**
 * The trace's log lines on the Gantt's time axis: a filter, a strip of level-coloured markers over
 * the zoomed range, and the lines themselves, virtualized, with the selected span's lines highlighted.
 */
export function LogTimeline(props: LogTimelineProps): JSX.Element {
  const { trace, logs, selectedSpanId, onSelectSpan, service, query, onQueryChange, timeZone, searchInputRef } = props;
  const events = logs.data?.events ?? NO_EVENTS;
  const deferredQuery = useDeferredValue(query);

  // Resolved once per (logs, trace); filtered per service / query; cut per zoom step.
  const windowed = props.windowed ? trace.traceId : null;
  // Windowed: trace.spans is only the selected span, which attaches nothing: a new selection keeps the index.
  const spansToResolve = windowed ? NO_SPANS : trace.spans;
  const index = useMemo(() => indexLogs(events, spansToResolve, windowed ? { traceId: windowed } : undefined), [events, spansToResolve, windowed]);
  const matched = useMemo(() => matchLogs(index, trace.spans, service, deferredQuery), [index, trace.spans, service, deferredQuery]);
  const { from, to } = props.visibleRange;
  const range = useMemo(() => ({ from, to }), [from, to]);
  const zoomed = useMemo(() => zoomWindow(range, trace), [range, trace]);
  const { rows, outside } = useMemo(() => withinRange(events, matched, zoomed), [events, matched, zoomed]);

  const colors = useMemo(() => serviceColors(trace.services), [trace.services]);
  const selectedSpan = useMemo(() => trace.spans.find((s) => s.spanId === selectedSpanId) ?? null, [trace.spans, selectedSpanId]);
  // Date.now(): "under five minutes old" is judged when the answer arrives, not on every render.
  const { data, error, isPending } = logs;
  const status = useMemo(() => describeLogs({ data, error, isPending }, trace.endTime, Date.now()), [data, error, isPending, trace.endTime]);
  const settled = status.progress === null;

  const list = useRef<LogListHandle>(null);
  const scrollToTime = useCallback(
    (time: number) => {
      if (rows.length > 0) list.current?.scrollToRow(Math.min(firstAtOrAfter(events, rows, time), rows.length - 1));
    },
    [events, rows],
  );

  return (
    <section data-testid="log-timeline" aria-label="Log timeline" className="@container flex h-full min-h-0 flex-col bg-white dark:bg-slate-950">
      <LogToolbar
        onCancel={props.onCancel}
        query={query}
        onQueryChange={onQueryChange}
        searchInputRef={searchInputRef}
        shown={rows.length}
        total={data && (events.length > 0 || status.failure === null) ? events.length : null}
        outside={outside}
        progress={status.progress}
        cost={status.cost}
      />
      {data?.refused ? (
        <LogRefused message={data.message ?? "No logs search was started."} query={data.refused.query} logGroups={data.refused.logGroups} />
      ) : (
        status.failure !== null && <LogFailure message={status.failure} />
      )}
      {status.partial !== null && <LogPartial message={status.partial} />}
      {status.note !== null && (
        <p
          role="note"
          data-testid="log-note"
          className="shrink-0 border-b border-slate-200 px-3 py-1 text-xs text-slate-600 dark:border-slate-800 dark:text-slate-400"
        >
          {status.note}
        </p>
      )}
      <LogTimeStrip index={index} rows={rows} selectedSpan={selectedSpan} range={range} traceStart={trace.startTime} onPickTime={scrollToTime} />
      <VirtualLogList
        handle={list}
        index={index}
        rows={rows}
        selectedSpanId={selectedSpanId}
        onSelectSpan={onSelectSpan}
        timeZone={timeZone}
        colors={colors}
        settled={settled}
        empty={emptyState(status.empty, events.length, outside)}
      />
    </section>
  );
}

/** Why no line is listed: the query found none (and why), or the filters and the zoom hide them all. */
function emptyState(empty: { title: string; detail: string | null } | null, total: number, outside: number): JSX.Element | null {
  if (empty) return <LogEmpty title={empty.title}>{empty.detail}</LogEmpty>;
  if (total === 0) return null;
  if (outside > 0) {
    const lines = outside === 1 ? "1 matching line is" : `${outside.toLocaleString("en-US")} matching lines are`;
    return <LogEmpty title="No line in the zoomed range">{lines} outside it: zoom out to see them.</LogEmpty>;
  }
  return <LogEmpty title="No line matches the filter">Clear the filter or the service selection to see every line.</LogEmpty>;
}
