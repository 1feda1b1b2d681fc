"use client";

import { useCallback, type RefObject } from "react";
import { useHydrated } from "@/components/use-hydrated";
import type { ShortcutHandlers } from "@/lib/client/use-shortcuts";
import { useUrlState } from "@/lib/client/use-url-state";
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
