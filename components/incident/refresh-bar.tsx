"use client";

import { formatUtcTime } from "@/lib/format";
import type { TimeWindow } from "@/lib/model";
import type { LiveWindow } from "./use-live-window";

/** Auto-refresh (for a window ending now) and the time range dragged on the charts, with a way out. */
export function RefreshBar({ live, selection, onClear }: { live: LiveWindow; selection: TimeWindow | null; onClear(): void }) {
  if (!live.live && !selection) return null;
  return (
    <div className="flex flex-wrap items-center gap-x-4 gap-y-2 text-xs text-slate-600 dark:text-slate-400">
      {live.live && (
        <label className="flex min-h-8 items-center gap-1.5">
          <input type="checkbox" checked={live.autoRefresh} onChange={(e) => live.setAutoRefresh(e.target.checked)} data-testid="auto-refresh" />
          Auto-refresh every 30 s{" "}
          {live.autoRefresh &&
            (selection ? "(paused: a time range is selected)" : `(last ${formatUtcTime(live.refreshedAt).slice(0, 8)} UTC; waits while you work)`)}
        </label>
      )}
      {selection && (
        <span data-testid="time-selection" className="flex items-center gap-2 rounded bg-blue-50 px-2 py-1 text-blue-900 dark:bg-blue-950 dark:text-blue-200">
          Showing {formatUtcTime(selection.from).slice(0, 8)}–{formatUtcTime(selection.to).slice(0, 8)} UTC of the window
          <button type="button" onClick={onClear} className="min-h-6 rounded px-1.5 underline hover:bg-blue-100 dark:hover:bg-blue-900">
            show the whole window
          </button>
        </span>
      )}
    </div>
  );
}
