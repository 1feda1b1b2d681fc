"use client";

import { memo } from "react";
import type { CriticalSection } from "@/lib/analysis/critical-path";
import type { SkewFinding } from "@/lib/analysis/clock-skew";
import type { ZoomRange } from "@/lib/analysis/time-axis";
import type { VisibleRow } from "@/lib/analysis/visible-rows";
import { memoryPressure } from "@/lib/analysis/lambda-reports";
import type { LambdaReport } from "@/lib/analysis/lambda-report";
import { formatDuration } from "@/lib/format";
import { STATUS_FILL, STATUS_SHORT } from "./status-colors";
import { AboveP99Marker } from "./percentile-band";

export interface GanttRowProps {
  row: VisibleRow;
  traceStart: number;
  range: ZoomRange;
  color: string;
  selected: boolean;
  /** Parts of the bar on the critical path (absolute ms); null when the toggle is off. */
  critical: CriticalSection[] | null;
  /** The critical path passes through this span (shown only when the toggle is on). */
  onCriticalPath: boolean;
  skew: SkewFinding | undefined;
  coldStart: boolean;
  lambdaReport: LambdaReport | undefined;
  logCount: number;
  searchHit: boolean;
  /** A folded row's hidden subtree: spans and failing spans in it (the windowed view says it; the whole-trace view does not). */
  foldedSpans?: number;
  foldedFailures?: number;
  onSelect(spanId: string): void;
  onToggle(spanId: string): void;
}

const INDENT = 12;

export const GanttRow = memo(function GanttRow(p: GanttRowProps) {
  const { span, depth, orphan, childCount } = p.row;
  const width = p.range.to - p.range.from;
  const pct = (ms: number) => ((ms - p.traceStart - p.range.from) / width) * 100;
  const left = pct(span.startTime);
  const barWidth = Math.max(pct(span.endTime) - left, 0.15);
  const dim = !p.row.matches;
  return (
    // The keyboard moves the selection through the rows from the page (j/k, arrows, Enter: lib/client/shortcuts.ts); a click is the pointer's way to it.
    // eslint-disable-next-line jsx-a11y/click-events-have-key-events, jsx-a11y/interactive-supports-focus
    <div
      data-testid="span-row"
      data-span-id={span.spanId}
      data-selected={p.selected ? "true" : "false"}
      data-critical={p.critical !== null && p.onCriticalPath ? "true" : "false"}
      role="row"
      aria-selected={p.selected}
      onClick={() => p.onSelect(span.spanId)}
      className={`grid h-full cursor-pointer grid-cols-[var(--gantt-label)_1fr] items-center text-xs ${
        p.selected ? "bg-blue-100 dark:bg-blue-900/60" : p.searchHit ? "bg-yellow-50 dark:bg-yellow-900/20" : "hover:bg-slate-50 dark:hover:bg-slate-900"
      } ${dim ? "opacity-45" : ""}`}
    >
      <div className="flex min-w-0 items-center gap-1 pr-2" style={{ paddingLeft: `calc(4px + ${depth} * var(--gantt-indent, ${INDENT}px))` }}>
        {childCount > 0 ? (
          <button
            type="button"
            aria-label={p.row.collapsed ? "Expand" : "Collapse"}
            onClick={(e) => {
              e.stopPropagation();
              p.onToggle(span.spanId);
            }}
            className="w-3 shrink-0 text-slate-500 hover:text-slate-900 dark:hover:text-white max-md:h-8 max-md:w-5"
          >
            {p.row.collapsed ? "▸" : "▾"}
          </button>
        ) : (
          <span className="w-3 shrink-0 max-md:w-5" />
        )}
        <span className="h-2.5 w-2.5 shrink-0 rounded-sm" style={{ background: p.color }} />
        {/* On a phone the service and the operation are two short lines, so both can be read. */}
        <span className="contents max-md:flex max-md:min-w-0 max-md:flex-col max-md:text-[11px] max-md:leading-[14px]">
          <span className="shrink-0 font-medium max-md:truncate">{span.service}</span>
          <span className="truncate text-slate-600 dark:text-slate-300" title={span.name}>
            {span.name}
          </span>
        </span>
        {span.status !== "ok" && (
          <span className="shrink-0 rounded px-1 text-[10px] font-bold text-white" style={{ background: STATUS_FILL[span.status] }}>
            {span.httpStatus ?? STATUS_SHORT[span.status]}
          </span>
        )}
        {p.foldedSpans !== undefined && p.row.collapsed && (
          <span
            data-testid="folded-summary"
            className={`shrink-0 rounded px-1 text-[10px] tabular-nums ${(p.foldedFailures ?? 0) > 0 ? "bg-red-100 text-red-800 dark:bg-red-950 dark:text-red-200" : "bg-slate-100 text-slate-600 dark:bg-slate-800 dark:text-slate-300"}`}
            title={`${p.foldedSpans.toLocaleString()} spans folded, ${(p.foldedFailures ?? 0).toLocaleString()} of them failing`}
          >
            +{p.foldedSpans.toLocaleString()}
            {(p.foldedFailures ?? 0) > 0 && ` · ${(p.foldedFailures ?? 0).toLocaleString()} failing`}
          </span>
        )}
        <AboveP99Marker span={span} />
        {p.coldStart && (
          <span className="shrink-0 text-[10px] font-semibold text-sky-600 dark:text-sky-400" title="Lambda cold start">
            ❄ cold
          </span>
        )}
        {p.lambdaReport?.memorySizeMb != null && p.lambdaReport.maxMemoryUsedMb != null && (
          <span
            data-testid="lambda-memory"
            className={`shrink-0 text-[10px] tabular-nums ${memoryPressure(p.lambdaReport) ? "font-semibold text-amber-700 dark:text-amber-400" : "text-slate-500"}`}
            title={`Lambda REPORT: max memory used ${p.lambdaReport.maxMemoryUsedMb} MB of ${p.lambdaReport.memorySizeMb} MB`}
          >
            {p.lambdaReport.maxMemoryUsedMb}/{p.lambdaReport.memorySizeMb} MB
          </span>
        )}
        {orphan && (
          <span className="shrink-0 text-[10px] text-amber-700 dark:text-amber-400" title="Its parent span is not in this trace">
            ⚠ orphan
          </span>
        )}
        {p.skew && (
          <span
            className="shrink-0 text-[10px] text-amber-700 dark:text-amber-400"
            title={`Clock skew: ${p.skew.side === "start" ? "starts before" : "ends after"} its parent by ${formatDuration(p.skew.byMs)}`}
          >
            ⏱ skew
          </span>
        )}
        {p.logCount > 0 && (
          <span
            className="ml-auto shrink-0 rounded bg-slate-200 px-1 text-[10px] tabular-nums text-slate-700 dark:bg-slate-700 dark:text-slate-200"
            title={`${p.logCount} log lines`}
          >
            {p.logCount} log{p.logCount === 1 ? "" : "s"}
          </span>
        )}
      </div>
      <div className="relative h-full overflow-hidden">
        <span
          className="absolute top-1/2 h-3 -translate-y-1/2 rounded-sm"
          style={{
            left: `${left}%`,
            width: `${barWidth}%`,
            background: span.status === "ok" ? p.color : STATUS_FILL[span.status],
            opacity: p.critical === null || p.onCriticalPath ? 1 : 0.55,
          }}
        />
        {p.critical?.map((c) => (
          <span
            key={c.start}
            data-testid="critical-section"
            className="absolute top-1/2 h-1 -translate-y-1/2 bg-slate-900 dark:bg-white"
            style={{ left: `${pct(c.start)}%`, width: `${Math.max(pct(c.end) - pct(c.start), 0.15)}%` }}
          />
        ))}
        {left + barWidth > 85 && barWidth > 12 ? (
          // A wide bar reaching the right edge carries its duration inside, in white.
          <span
            className="absolute top-1/2 -translate-y-1/2 whitespace-nowrap pr-1 text-[10px] font-semibold tabular-nums text-white max-md:[text-shadow:0_0_2px_rgb(0_0_0/0.9),0_0_1px_rgb(0_0_0)]"
            style={{ right: `${Math.max(100 - (left + barWidth), 0)}%` }}
          >
            {formatDuration(span.durationMs)}
          </span>
        ) : left + barWidth > 85 ? (
          // A short bar near the right edge: the label goes before it.
          <span
            className="absolute top-1/2 -translate-y-1/2 whitespace-nowrap pr-1 text-[10px] tabular-nums text-slate-600 dark:text-slate-300"
            style={{ right: `${100 - left}%` }}
          >
            {formatDuration(span.durationMs)}
          </span>
        ) : (
          <span
            className="absolute top-1/2 -translate-y-1/2 whitespace-nowrap pl-1 text-[10px] tabular-nums text-slate-600 dark:text-slate-300"
            style={{ left: `${left + barWidth}%` }}
          >
            {formatDuration(span.durationMs)}
          </span>
        )}
      </div>
    </div>
  );
});
