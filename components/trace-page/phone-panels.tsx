"use client";

import type { ReactNode } from "react";

export type PhonePanel = "gantt" | "logs" | "map";

const TABS: [PhonePanel, string][] = [
  ["gantt", "Gantt"],
  ["logs", "Logs"],
  ["map", "Map"],
];

interface Props {
  active: PhonePanel;
  onActivate(panel: PhonePanel): void;
  /** Lines the logs query returned, once it has answered. */
  logCount: number | null;
  panels: Record<PhonePanel, ReactNode>;
}

/**
 * The trace page on a phone: the Gantt chart, the logs and the map one at a time, behind tabs.
 * Only the active panel is mounted; the selection, filters and zoom live in the page's state, so
 * a span selected in the Gantt has its lines highlighted in Logs.
 */
export function PhonePanels({ active, onActivate, logCount, panels }: Props) {
  return (
    <>
      <div role="tablist" aria-label="Trace panels" className="grid shrink-0 grid-cols-3 border-b border-slate-200 dark:border-slate-800">
        {TABS.map(([panel, label]) => {
          const selected = panel === active;
          return (
            <button
              key={panel}
              type="button"
              role="tab"
              id={`trace-tab-${panel}`}
              aria-selected={selected}
              aria-controls="trace-tab-panel"
              data-testid="panel-tab"
              data-panel={panel}
              onClick={() => onActivate(panel)}
              className={`h-11 border-b-2 text-sm font-medium ${
                selected
                  ? "border-blue-600 text-blue-700 dark:border-blue-400 dark:text-blue-300"
                  : "border-transparent text-slate-600 active:bg-slate-100 dark:text-slate-400 dark:active:bg-slate-800"
              }`}
            >
              {label}
              {panel === "logs" && logCount !== null && (
                <span className="ml-1 text-xs font-normal tabular-nums opacity-80">{logCount.toLocaleString("en-US")}</span>
              )}
            </button>
          );
        })}
      </div>
      <div role="tabpanel" id="trace-tab-panel" aria-labelledby={`trace-tab-${active}`} className="min-h-0 flex-1">
        {panels[active]}
      </div>
    </>
  );
}
