"use client";

import { useCallback } from "react";
import { useHydrated } from "@/components/use-hydrated";
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
