"use client";

import { useCallback, useMemo, useRef, useState, type ReactNode } from "react";
import { lambdaReportsBySpan } from "@/lib/analysis/lambda-reports";
import { resolveLogSpans } from "@/lib/analysis/log-span-index";
import { spanMatchesService } from "@/lib/analysis/service-filter";
import { spanSearchPredicate, visibleRows } from "@/lib/analysis/visible-rows";
import { findSpanInRows, isFailing } from "@/lib/analysis/trace-outline";
import type { LogsResult, Span, Trace } from "@/lib/model";
import { TraceGantt } from "@/components/trace-gantt/trace-gantt";
import { TraceServiceMap } from "@/components/service-map/trace-service-map";
import { LogTimeline } from "@/components/log-timeline/log-timeline";
import { useEarlyClickSelection } from "@/components/early-clicks";
import { useShortcuts } from "@/lib/client/use-shortcuts";
import { TraceLayout } from "./trace-layout";
import { useTraceView, viewGanttControls, viewLogProps, viewShortcuts } from "./use-trace-view";
import { analyzeTrace } from "./trace-analysis";
import { TraceHeader } from "./trace-header";

export interface TraceViewLogs {
  data: LogsResult | undefined;
  error: Error | null;
  isPending: boolean;
}

export interface TraceViewProps {
  trace: Trace;
  logs: TraceViewLogs;
  /** Stops a running logs search; absent when there is none to stop (a snapshot). */
  onCancelLogs?: () => void;
  /** Above the header (a snapshot's banner). */
  banner?: ReactNode;
  /** Extra buttons at the end of the header (the live page's "Save snapshot"). */
  actions?: ReactNode;
}

/**
 * The correlated trace page once its trace is loaded: map, Gantt and logs on one time axis, with
 * selection, filters and zoom in the URL. Knows nothing of where the trace came from.
 */
export function TraceView({ trace, logs, onCancelLogs, banner, actions }: TraceViewProps) {
  const { view, update, timeZone } = useTraceView();
  const [detailsOpen, setDetailsOpen] = useState(view.spanId !== null);
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(new Set());
  const spanSearch = useRef<HTMLInputElement>(null);
  const logSearch = useRef<HTMLInputElement>(null);

  const analysis = useMemo(() => analyzeTrace(trace), [trace]);
  const predicate = useMemo(() => {
    const search = spanSearchPredicate(view.spanQuery);
    const service = view.service;
    if (!search && !service) return null;
    return (s: Span) => (!service || spanMatchesService(s, service)) && (!search || search(s));
  }, [view.spanQuery, view.service]);
  const rows = useMemo(() => visibleRows(analysis.rows, predicate, collapsed), [analysis.rows, predicate, collapsed]);

  const events = logs.data?.events;
  const logCounts = useMemo(() => {
    const counts = new Map<string, number>();
    if (!events) return counts;
    for (const spanId of resolveLogSpans(events, trace.spans)) if (spanId) counts.set(spanId, (counts.get(spanId) ?? 0) + 1);
    return counts;
  }, [events, trace.spans]);

  const lambdaReports = useMemo(() => (events ? lambdaReportsBySpan(events, trace.spans) : new Map()), [events, trace.spans]);

  const selectSpan = useCallback(
    (spanId: string) => {
      update({ spanId });
      setDetailsOpen(true);
    },
    [update],
  );
  useEarlyClickSelection(selectSpan);
  const toggleCollapse = useCallback(
    (spanId: string) =>
      setCollapsed((prev) => {
        const next = new Set(prev);
        if (!next.delete(spanId)) next.add(spanId);
        return next;
      }),
    [],
  );

  const move = (delta: 1 | -1) => {
    if (rows.length === 0) return;
    const at = view.spanId ? rows.findIndex((r) => r.span.spanId === view.spanId) : -1;
    const next = at < 0 ? (delta > 0 ? 0 : rows.length - 1) : Math.min(rows.length - 1, Math.max(0, at + delta));
    update({ spanId: rows[next].span.spanId });
  };
  // The next failing span anywhere in the trace: its folded ancestors are unfolded.
  const selectFailure = (direction: 1 | -1) => {
    const from = view.spanId ? analysis.rows.findIndex((r) => r.span.spanId === view.spanId) : -1;
    const found = findSpanInRows(analysis.rows, from, direction, isFailing);
    if (found === null) return;
    setCollapsed((prev) => {
      const next = new Set(prev);
      // Bounded: a parent cycle must not loop.
      for (let s = analysis.spansById.get(found), hops = 0; s?.parentSpanId && hops < analysis.rows.length; s = analysis.spansById.get(s.parentSpanId), hops++)
        next.delete(s.parentSpanId);
      return next.size === prev.size ? prev : next;
    });
    selectSpan(found);
  };
  // The trace scope of lib/client/shortcuts.ts; `?` lists them.
  useShortcuts("trace", {
    "next-failure": () => selectFailure(1),
    "previous-failure": () => selectFailure(-1),
    "next-span": () => move(1),
    "previous-span": () => move(-1),
    ...viewShortcuts({ view, update, setDetailsOpen, spanSearch }),
  });

  const selectedService = view.spanId ? (analysis.spansById.get(view.spanId)?.service ?? null) : null;
  const mapPanel = (
    <TraceServiceMap trace={trace} selectedService={view.service} focusService={selectedService} onSelectService={(service) => update({ service })} />
  );
  const ganttPanel = (
    <TraceGantt
      {...viewGanttControls({ view, update, selectSpan, toggleCollapse, spanSearch })}
      trace={trace}
      analysis={analysis}
      rows={rows}
      logCounts={logCounts}
      lambdaReports={lambdaReports}
      collapsed={collapsed}
      detailsOpen={detailsOpen}
      onCloseDetails={() => setDetailsOpen(false)}
      timeZone={timeZone}
    />
  );
  const logsPanel = <LogTimeline trace={trace} logs={logs} {...viewLogProps({ view, update, trace, timeZone, logSearch, onCancelLogs })} />;

  return (
    <TraceLayout
      trace={trace}
      banner={banner}
      header={<TraceHeader trace={trace} stats={analysis.stats} timeZone={timeZone} onTimeZone={(timeZone) => update({ timeZone })} actions={actions} />}
      service={view.service}
      onClearService={() => update({ service: null })}
      logCount={events?.length ?? null}
      panels={{ gantt: ganttPanel, logs: logsPanel, map: mapPanel }}
    />
  );
}
