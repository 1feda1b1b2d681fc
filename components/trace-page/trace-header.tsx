"use client";

import type { ReactNode } from "react";
import type { TraceStats } from "@/lib/analysis/trace-stats";
import type { Trace } from "@/lib/model";
import { formatDuration, formatTimestamp } from "@/lib/format";
import type { TimeZoneMode } from "@/lib/trace-view-state";
import { CopyButton } from "@/components/copy-button";
import { STATUS_FILL } from "@/components/trace-gantt/status-colors";

interface Props {
  trace: Trace;
  stats: TraceStats;
  timeZone: TimeZoneMode;
  onTimeZone(zone: TimeZoneMode): void;
  /** Extra buttons at the end of the header. */
  actions?: ReactNode;
  /** When `stats.coldStarts` lists only some of them (a large trace's summary). */
  coldStartCount?: number;
}

function Count({ n, label, color }: { n: number; label: [string, string]; color: string }) {
  if (n === 0) return null;
  return (
    <span className="inline-flex items-center gap-1 rounded px-1.5 py-0.5 text-xs font-semibold text-white" style={{ background: color }}>
      {n} {label[n === 1 ? 0 : 1]}
    </span>
  );
}

export function TraceHeader({ trace, stats, timeZone, onTimeZone, actions, coldStartCount = stats.coldStarts.length }: Props) {
  const root = stats.root;
  return (
    <header
      data-testid="trace-header"
      className="flex flex-wrap items-center gap-x-4 gap-y-1 border-b border-slate-200 px-3 py-1.5 dark:border-slate-800 max-md:gap-x-3 max-md:pb-0"
    >
      <h1 className="min-w-0 truncate text-base font-semibold max-md:w-full">
        {root?.service} <span className="font-normal text-slate-600 dark:text-slate-300">{root?.name}</span>
      </h1>
      <span className="text-sm font-semibold tabular-nums">{formatDuration(trace.durationMs)}</span>
      <span className="flex items-center gap-1">
        <Count n={stats.faultCount} label={["fault", "faults"]} color={STATUS_FILL.fault} />
        <Count n={stats.throttleCount} label={["throttled", "throttled"]} color={STATUS_FILL.throttle} />
        <Count n={stats.errorCount} label={["error", "errors"]} color="#a16207" />
        {coldStartCount > 0 && (
          <span className="rounded bg-sky-100 px-1.5 py-0.5 text-xs font-semibold text-sky-800 dark:bg-sky-900 dark:text-sky-200">
            ❄ {coldStartCount.toLocaleString()} cold start{coldStartCount === 1 ? "" : "s"}
          </span>
        )}
      </span>
      <span className="text-xs text-slate-600 dark:text-slate-400">
        {formatTimestamp(trace.startTime, timeZone)} · {stats.spanCount.toLocaleString()} spans · {trace.services.length} services
      </span>
      {/* On a phone: one row of tap targets that scrolls sideways by itself (the page does not), the ID shortened. */}
      <span className="ml-auto flex flex-wrap items-center gap-1.5 text-xs max-md:-mx-3 max-md:w-[calc(100%+1.5rem)] max-md:flex-nowrap max-md:overflow-x-auto max-md:whitespace-nowrap max-md:px-3 max-md:pb-1.5">
        <code
          className="font-mono text-[11px] text-slate-600 dark:text-slate-400 max-md:max-w-[7.5rem] max-md:shrink-0 max-md:truncate"
          data-testid="xray-trace-id"
          title={trace.xrayTraceId}
        >
          {trace.xrayTraceId}
        </code>
        <CopyButton value={trace.xrayTraceId} label="Copy X-Ray ID" />
        <CopyButton value={trace.traceId} label="Copy W3C ID" />
        <CopyButton value={() => window.location.href} label="Copy link" testId="copy-link" />
        <button
          type="button"
          data-testid="timezone-toggle"
          onClick={() => onTimeZone(timeZone === "utc" ? "local" : "utc")}
          className="rounded border border-slate-300 px-1.5 py-0.5 text-[11px] dark:border-slate-700 max-md:min-h-10 max-md:shrink-0 max-md:px-3"
          title="Show times in UTC or in this browser's time zone"
        >
          {timeZone === "utc" ? "UTC" : "Local"} ⇄
        </button>
        {actions}
      </span>
    </header>
  );
}
