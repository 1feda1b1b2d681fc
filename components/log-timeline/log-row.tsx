"use client";

import { memo, type Ref } from "react";
import { isErrorLevel, levelStyle } from "@/lib/client/log-levels";
import { formatClock, formatTimestamp } from "@/lib/format";
import type { LogEvent } from "@/lib/model";
import { LogRowDetails } from "./log-row-details";

/** The height of a collapsed row, in CSS pixels. */
export const ROW_HEIGHT = 22;

interface Props {
  event: LogEvent;
  /** The span the line belongs to (resolved when it names none), or null. */
  spanId: string | null;
  selected: boolean;
  expanded: boolean;
  /** The lines come from more than one AWS account: the details name the line's account. */
  showAccount: boolean;
  timeZone: "utc" | "local";
  serviceColor: string;
  /** Position in the virtual list, and the list's measuring ref. */
  virtualIndex: number;
  top: number;
  measureRef: Ref<HTMLDivElement>;
  onSelectSpan(spanId: string): void;
  onToggle(id: string): void;
}

/** One log line; memoized, so that scrolling renders only the rows that come into view. */
export const LogRow = memo(function LogRow({
  event,
  spanId,
  selected,
  expanded,
  showAccount,
  timeZone,
  serviceColor,
  virtualIndex,
  top,
  measureRef,
  onSelectSpan,
  onToggle,
}: Props) {
  const level = levelStyle(event.level);
  const tone = selected
    ? "bg-blue-50 shadow-[inset_3px_0_0_var(--color-blue-600)] dark:bg-blue-950/70 dark:shadow-[inset_3px_0_0_var(--color-blue-400)]"
    : isErrorLevel(event.level)
      ? "bg-red-50/70 hover:bg-red-100/70 dark:bg-red-950/25 dark:hover:bg-red-950/50"
      : "hover:bg-slate-50 dark:hover:bg-slate-900";
  return (
    <div
      ref={measureRef}
      data-index={virtualIndex}
      role="listitem"
      data-testid="log-row"
      data-log-id={event.id}
      data-span-id={spanId ?? ""}
      data-pass={event.pass ?? ""}
      data-selected={selected ? "true" : "false"}
      className={`absolute left-0 top-0 w-full border-b border-slate-100 dark:border-slate-900 ${tone}`}
      style={{ transform: `translateY(${top}px)` }}
    >
      {/* On a phone the message wraps on lines of its own, below the time, level and service. */}
      {/* A pointer shortcut to the line's span, which the keyboard selects in the Gantt (j/k, arrows); the line's own control is its expand button. */}
      {/* eslint-disable-next-line jsx-a11y/click-events-have-key-events, jsx-a11y/no-static-element-interactions */}
      <div
        onClick={() => spanId !== null && onSelectSpan(spanId)}
        className={`flex items-center gap-2 pr-2 text-xs max-md:h-auto! max-md:flex-wrap max-md:gap-y-0.5 max-md:pb-1.5 ${spanId !== null ? "cursor-pointer" : ""}`}
        style={{ height: ROW_HEIGHT - 1 }}
      >
        <button
          type="button"
          aria-expanded={expanded}
          aria-label={expanded ? "Collapse log line" : "Expand log line"}
          onClick={(e) => {
            e.stopPropagation();
            onToggle(event.id);
          }}
          className="flex h-full w-5 shrink-0 items-center justify-center text-slate-400 hover:text-slate-900 dark:text-slate-500 dark:hover:text-white max-md:h-8 max-md:w-8"
        >
          <svg viewBox="0 0 10 10" className={`h-2.5 w-2.5 transition-transform ${expanded ? "rotate-90" : ""}`} aria-hidden>
            <path d="M3 1.5 6.5 5 3 8.5" fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" strokeLinejoin="round" />
          </svg>
        </button>
        <time title={formatTimestamp(event.timestamp, timeZone)} className="w-[5.75rem] shrink-0 font-mono tabular-nums text-slate-500 dark:text-slate-400">
          {formatClock(event.timestamp, timeZone)}
        </time>
        <span className={`w-11 shrink-0 rounded px-1 text-center text-[10px] font-semibold leading-4 tracking-wide ${level.badge}`}>{level.label}</span>
        <span className="flex w-2 min-w-0 shrink-0 items-center gap-1.5 @[34rem]:w-28 max-md:w-auto max-md:flex-1" title={event.service ?? undefined}>
          <span className="h-2 w-2 shrink-0 rounded-full" style={{ backgroundColor: serviceColor }} aria-hidden />
          <span className="hidden truncate text-slate-700 @[34rem]:inline dark:text-slate-300 max-md:inline">{event.service ?? "—"}</span>
        </span>
        {event.pass === "wide" && (
          <span
            data-testid="log-pass-wide"
            title={`Found by the wide search (the traceId field index) in ${event.logGroup ?? "a log group"}, which no setting and no span names`}
            className="shrink-0 rounded border border-slate-300 px-1 text-[10px] leading-4 text-slate-500 dark:border-slate-700 dark:text-slate-400"
          >
            wide
          </span>
        )}
        {event.pass === "request" && (
          <span
            data-testid="log-pass-request"
            title={`Found by the Lambda invocation's request ID in ${event.logGroup ?? "its function's log group"}: the line does not carry the trace ID`}
            className="shrink-0 rounded border border-slate-300 px-1 text-[10px] leading-4 text-slate-500 dark:border-slate-700 dark:text-slate-400"
          >
            req ID
          </span>
        )}
        <span className="min-w-0 flex-1 truncate font-mono text-slate-900 dark:text-slate-100 max-md:basis-full max-md:whitespace-pre-wrap max-md:pl-10 max-md:[overflow-wrap:anywhere]">
          {event.message}
        </span>
      </div>
      {expanded && <LogRowDetails event={event} spanId={spanId} showAccount={showAccount} />}
    </div>
  );
});
