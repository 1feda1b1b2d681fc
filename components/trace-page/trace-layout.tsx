"use client";

import { useMemo, useState, type ReactNode } from "react";
import { useSearchParams } from "next/navigation";
import { Group, Panel, Separator } from "react-resizable-panels";
import { PivotWindowProvider } from "@/components/pivot-link";
import { usePhoneLayout } from "@/components/use-phone-layout";
import type { Trace } from "@/lib/model";
import { pivotWindow } from "@/lib/pivot-links";
import { PhonePanels, type PhonePanel } from "./phone-panels";

/**
 * The panels' widths in %, as their defaultSize says: given to the Group too, so that the server
 * render (the first paint) has them; without it the panels would be as wide as their content until
 * hydrated, and the log panel off the screen.
 */
const PANEL_LAYOUT = { map: 28, gantt: 42, logs: 30 };

function ResizeHandle() {
  return <Separator className="w-1.5 bg-slate-200 transition-colors hover:bg-blue-400 data-[separator=active]:bg-blue-500 dark:bg-slate-800 max-md:hidden" />;
}

interface Props {
  /** Its start and end set the pivot links' default window. */
  trace: Pick<Trace, "startTime" | "endTime" | "partial" | "note" | "pastXRayRetention">;
  /** Above the header (a snapshot's banner, the windowed view's note). */
  banner?: ReactNode;
  header: ReactNode;
  service: string | null;
  onClearService(): void;
  /** Lines the logs query returned, once it has answered (the phone's Logs tab). */
  logCount: number | null;
  panels: Record<PhonePanel, ReactNode>;
}

/**
 * The trace page's frame, whole or windowed: header, notices, the service filter bar, and the three
 * panels side by side (resizable) — or, below 768 px, one at a time behind tabs.
 */
export function TraceLayout({ trace, banner, header, service, onClearService, logCount, panels }: Props) {
  const phone = usePhoneLayout();
  const [tab, setTab] = useState<PhonePanel>("gantt");
  // The incident's window when the URL carries one (wfrom, wto), else an hour either side of the trace.
  // Read as the server render reads it (useSearchParams), not from `window`: the pivot links hydrate as rendered.
  const searchParams = useSearchParams();
  const [wfrom, wto] = [searchParams.get("wfrom"), searchParams.get("wto")];
  const { startTime, endTime } = trace;
  const pivots = useMemo(
    () => pivotWindow({ startTime, endTime }, wfrom !== null && wto !== null ? new URLSearchParams({ wfrom, wto }) : null),
    [startTime, endTime, wfrom, wto],
  );
  return (
    <PivotWindowProvider window={pivots}>
      <main className="flex h-[calc(100vh-2.75rem)] flex-col max-md:h-[calc(100dvh-5.25rem)]">
        {banner}
        {header}
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
        {service && (
          <div className="flex items-center gap-2 border-b border-blue-200 bg-blue-50 px-3 py-1 text-xs dark:border-blue-900 dark:bg-blue-950">
            Filtered to <strong data-testid="service-filter">{service}</strong>
            <button type="button" onClick={onClearService} className="rounded px-1.5 hover:bg-blue-100 dark:hover:bg-blue-900 max-md:min-h-10 max-md:px-3">
              ✕ clear
            </button>
          </div>
        )}
        {phone ? (
          <PhonePanels active={tab} onActivate={setTab} logCount={logCount} panels={panels} />
        ) : (
          // The server renders this (it knows no window size): on a phone, until hydration switches to
          // the tabs, the Gantt alone is shown full width (globals.css, data-phone-first-paint).
          <Group orientation="horizontal" className="min-h-0 flex-1" defaultLayout={PANEL_LAYOUT}>
            <Panel id="map" defaultSize={`${PANEL_LAYOUT.map}`} minSize="12" data-phone-first-paint="hidden">
              {panels.map}
            </Panel>
            <ResizeHandle />
            <Panel id="gantt" defaultSize={`${PANEL_LAYOUT.gantt}`} minSize="25" data-phone-first-paint="full">
              {panels.gantt}
            </Panel>
            <ResizeHandle />
            <Panel id="logs" defaultSize={`${PANEL_LAYOUT.logs}`} minSize="15" data-phone-first-paint="hidden">
              {panels.logs}
            </Panel>
          </Group>
        )}
      </main>
    </PivotWindowProvider>
  );
}
