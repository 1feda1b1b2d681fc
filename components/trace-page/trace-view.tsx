"use client";

import { useCallback, useMemo, useRef, useState, type ReactNode } from "react";
import { useSearchParams } from "next/navigation";
import { Group, Panel, Separator } from "react-resizable-panels";
import { lambdaReportsBySpan } from "@/lib/analysis/lambda-reports";
import { resolveLogSpans } from "@/lib/analysis/log-span-index";
import { spanMatchesService } from "@/lib/analysis/service-filter";
import { spanSearchPredicate, visibleRows } from "@/lib/analysis/visible-rows";
import type { LogsResult, Span, Trace } from "@/lib/model";
import { TraceGantt } from "@/components/trace-gantt/trace-gantt";
import { TraceServiceMap } from "@/components/service-map/trace-service-map";
import { LogTimeline } from "@/components/log-timeline/log-timeline";
import { PivotWindowProvider } from "@/components/pivot-link";
import { pivotWindow } from "@/lib/pivot-links";
import { useShortcuts } from "@/lib/client/use-shortcuts";
import { useUrlState } from "@/lib/client/use-url-state";
import { traceViewUrl, type TraceViewState } from "@/lib/trace-view-state";
import { usePhoneLayout } from "@/components/use-phone-layout";
import { useHydrated } from "@/components/use-hydrated";
import { PhonePanels, type PhonePanel } from "./phone-panels";
import { analyzeTrace } from "./trace-analysis";
import { TraceHeader } from "./trace-header";

/**
 * The panels' widths in %, as their defaultSize says: given to the Group too, so that the server
 * render (the first paint) has them; without it the panels would be as wide as their content until
 * hydrated, and the log panel off the screen.
 */
const PANEL_LAYOUT = { map: 28, gantt: 42, logs: 30 };

function ResizeHandle() {
  return <Separator className="w-1.5 bg-slate-200 transition-colors hover:bg-blue-400 data-[separator=active]:bg-blue-500 dark:bg-slate-800" />;
}

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
  const [view, setView] = useUrlState(traceViewUrl);
  const update = useCallback((patch: Partial<TraceViewState>) => setView((s) => ({ ...s, ...patch })), [setView]);
  // The server knows no browser time zone: local times are drawn once hydrated (no #418 mismatch).
  const hydrated = useHydrated();
  const timeZone = hydrated ? view.timeZone : "utc";
  const [detailsOpen, setDetailsOpen] = useState(view.spanId !== null);
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(new Set());
  const spanSearch = useRef<HTMLInputElement>(null);
  const logSearch = useRef<HTMLInputElement>(null);
  // Below 768 px: one panel at a time, behind tabs; the selection is shared as on a desktop.
  const phone = usePhoneLayout();
  const [tab, setTab] = useState<PhonePanel>("gantt");

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
  // The trace scope of lib/client/shortcuts.ts; `?` lists them.
  useShortcuts("trace", {
    "next-span": () => move(1),
    "previous-span": () => move(-1),
    "open-details": () => {
      if (view.spanId) setDetailsOpen(true);
    },
    "search-spans": () => spanSearch.current?.focus(),
    clear() {
      update({ spanId: null, service: null, spanQuery: "" });
      setDetailsOpen(false);
    },
    // Not prevented: a search field's own Escape (clearing it) still happens.
    "leave-field": (e) => {
      if (e.target instanceof HTMLElement) e.target.blur();
      return false;
    },
  });

  const zoom = view.zoom;
  const visibleRange = zoom ? { from: trace.startTime + zoom.from, to: trace.startTime + zoom.to } : { from: trace.startTime, to: trace.endTime };
  const selectedService = view.spanId ? (analysis.spansById.get(view.spanId)?.service ?? null) : null;
  // The incident's window when the URL carries one (wfrom, wto), else an hour either side of the trace.
  // Read as the server render reads it (useSearchParams), not from `window`: the pivot links hydrate as rendered.
  const searchParams = useSearchParams();
  const [wfrom, wto] = [searchParams.get("wfrom"), searchParams.get("wto")];
  const pivots = useMemo(() => pivotWindow(trace, wfrom !== null && wto !== null ? new URLSearchParams({ wfrom, wto }) : null), [trace, wfrom, wto]);

  const mapPanel = (
    <TraceServiceMap trace={trace} selectedService={view.service} focusService={selectedService} onSelectService={(service) => update({ service })} />
  );
  const ganttPanel = (
    <TraceGantt
      trace={trace}
      analysis={analysis}
      rows={rows}
      selectedSpanId={view.spanId}
      onSelectSpan={selectSpan}
      zoom={zoom}
      onZoom={(z) => update({ zoom: z })}
      showCriticalPath={view.criticalPath}
      onToggleCriticalPath={() => update({ criticalPath: !view.criticalPath })}
      spanQuery={view.spanQuery}
      onSpanQueryChange={(spanQuery) => update({ spanQuery })}
      logCounts={logCounts}
      lambdaReports={lambdaReports}
      collapsed={collapsed}
      onToggleCollapse={toggleCollapse}
      detailsOpen={detailsOpen}
      onCloseDetails={() => setDetailsOpen(false)}
      timeZone={timeZone}
      searchInputRef={spanSearch}
    />
  );
  const logsPanel = (
    <LogTimeline
      trace={trace}
      logs={logs}
      selectedSpanId={view.spanId}
      onSelectSpan={(spanId) => update({ spanId })}
      service={view.service}
      query={view.logQuery}
      onQueryChange={(logQuery) => update({ logQuery })}
      visibleRange={visibleRange}
      timeZone={timeZone}
      searchInputRef={logSearch}
      onCancel={onCancelLogs}
    />
  );

  return (
    <PivotWindowProvider window={pivots}>
      <main className="flex h-[calc(100vh-2.75rem)] flex-col max-md:h-[calc(100dvh-5.25rem)]">
        {banner}
        <TraceHeader trace={trace} stats={analysis.stats} timeZone={timeZone} onTimeZone={(timeZone) => update({ timeZone })} actions={actions} />
        {trace.partial && (
          <div
            role="status"
            data-testid="trace-partial"
            className="border-b border-amber-300 bg-amber-50 px-3 py-1 text-xs text-amber-900 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-200"
          >
            ⚠ Partial trace: {trace.note ?? "some of its segments could not be read."}
          </div>
        )}
        {trace.pastXRayRetention && (
          <div
            role="status"
            data-testid="trace-past-xray-retention"
            className="border-b border-sky-200 bg-sky-50 px-3 py-1 text-xs text-sky-900 dark:border-sky-900 dark:bg-sky-950 dark:text-sky-200"
          >
            Older than X-Ray&apos;s 30 days; read from Transaction Search (aws/spans).
          </div>
        )}
        {view.service && (
          <div className="flex items-center gap-2 border-b border-blue-200 bg-blue-50 px-3 py-1 text-xs dark:border-blue-900 dark:bg-blue-950">
            Filtered to <strong data-testid="service-filter">{view.service}</strong>
            <button
              type="button"
              onClick={() => update({ service: null })}
              className="rounded px-1.5 hover:bg-blue-100 dark:hover:bg-blue-900 max-md:min-h-10 max-md:px-3"
            >
              ✕ clear
            </button>
          </div>
        )}
        {phone ? (
          <PhonePanels active={tab} onActivate={setTab} logCount={events?.length ?? null} panels={{ gantt: ganttPanel, logs: logsPanel, map: mapPanel }} />
        ) : (
          <Group orientation="horizontal" className="min-h-0 flex-1" defaultLayout={PANEL_LAYOUT}>
            <Panel id="map" defaultSize={`${PANEL_LAYOUT.map}`} minSize="12">
              {mapPanel}
            </Panel>
            <ResizeHandle />
            <Panel id="gantt" defaultSize={`${PANEL_LAYOUT.gantt}`} minSize="25">
              {ganttPanel}
            </Panel>
            <ResizeHandle />
            <Panel id="logs" defaultSize={`${PANEL_LAYOUT.logs}`} minSize="15">
              {logsPanel}
            </Panel>
          </Group>
        )}
      </main>
    </PivotWindowProvider>
  );
}
