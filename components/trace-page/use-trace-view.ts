"use client";

import { useCallback, type RefObject } from "react";
import type { LogTimelineProps } from "@/components/log-timeline/log-timeline";
import type { GanttControls } from "@/components/trace-gantt/gantt-frame";
import { useHydrated } from "@/components/use-hydrated";
import type { ShortcutHandlers } from "@/lib/client/use-shortcuts";
import { useUrlState } from "@/lib/client/use-url-state";
import type { Trace } from "@/lib/model";
import { traceViewUrl, type TimeZoneMode, type TraceViewState } from "@/lib/trace-view-state";

/**
 * The trace page's view in its URL (selection, filters, zoom…), a patching setter, and the time
 * zone to draw in: the server knows no browser time zone, so local times are drawn once hydrated
 * (no #418 mismatch).
 */
export function useTraceView(): { view: TraceViewState; update(patch: Partial<TraceViewState>): void; timeZone: TimeZoneMode } {
  const [view, setView] = useUrlState(traceViewUrl);
  const update = useCallback((patch: Partial<TraceViewState>) => setView((s) => ({ ...s, ...patch })), [setView]);
  const hydrated = useHydrated();
  return { view, update, timeZone: hydrated ? view.timeZone : "utc" };
}

/** The trace scope's shortcuts that the whole and the windowed view answer alike (lib/client/shortcuts.ts). */
export function viewShortcuts(p: {
  view: TraceViewState;
  update(patch: Partial<TraceViewState>): void;
  setDetailsOpen(open: boolean): void;
  spanSearch: RefObject<HTMLInputElement | null>;
}): ShortcutHandlers {
  return {
    "open-details": () => {
      if (p.view.spanId) p.setDetailsOpen(true);
    },
    "search-spans": () => p.spanSearch.current?.focus(),
    clear() {
      p.update({ spanId: null, service: null, spanQuery: "" });
      p.setDetailsOpen(false);
    },
    // Not prevented: a search field's own Escape (clearing it) still happens.
    "leave-field": (e) => {
      if (e.target instanceof HTMLElement) e.target.blur();
      return false;
    },
  };
}

/**
 * The log panel's props that the whole and the windowed view pass alike: the selection, service and
 * filter of the URL, and the Gantt's zoom as the range of `trace` (the whole trace when not zoomed).
 */
export function viewLogProps(p: {
  view: TraceViewState;
  update(patch: Partial<TraceViewState>): void;
  trace: Pick<Trace, "startTime" | "endTime">;
  timeZone: TimeZoneMode;
  logSearch: RefObject<HTMLInputElement | null>;
  onCancelLogs?: () => void;
}): Omit<LogTimelineProps, "trace" | "logs" | "windowed"> {
  const { view, update, trace } = p;
  const zoom = view.zoom;
  return {
    selectedSpanId: view.spanId,
    onSelectSpan: (spanId) => update({ spanId }),
    service: view.service,
    query: view.logQuery,
    onQueryChange: (logQuery) => update({ logQuery }),
    visibleRange: zoom ? { from: trace.startTime + zoom.from, to: trace.startTime + zoom.to } : { from: trace.startTime, to: trace.endTime },
    timeZone: p.timeZone,
    searchInputRef: p.logSearch,
    onCancel: p.onCancelLogs,
  };
}

/** The Gantt's controls that the whole and the windowed view wire alike: selection, zoom, critical path and span search of the URL. */
export function viewGanttControls(p: {
  view: TraceViewState;
  update(patch: Partial<TraceViewState>): void;
  selectSpan(spanId: string): void;
  toggleCollapse(spanId: string): void;
  spanSearch: RefObject<HTMLInputElement | null>;
}): GanttControls {
  const { view, update } = p;
  return {
    selectedSpanId: view.spanId,
    onSelectSpan: p.selectSpan,
    onToggleCollapse: p.toggleCollapse,
    zoom: view.zoom,
    onZoom: (zoom) => update({ zoom }),
    showCriticalPath: view.criticalPath,
    onToggleCriticalPath: () => update({ criticalPath: !view.criticalPath }),
    spanQuery: view.spanQuery,
    onSpanQueryChange: (spanQuery) => update({ spanQuery }),
    searchInputRef: p.spanSearch,
  };
}
