/**
 * Which log lines the log timeline lists. Built for 10,000 lines and a filter that changes on every
 * keystroke and zoom step:
 *  - indexLogs runs once per (logs, trace): the time order, the span of each line (resolveLogSpans),
 *    and the lower-cased text the query searches;
 *  - matchLogs runs when the service or the query changes: a linear scan over that index;
 *  - withinRange runs when the zoom changes: two binary searches over lines already in time order.
 */
import { resolveLogSpans, type WindowedTrace } from "../analysis/log-span-index";
import { spanMatchesService } from "../analysis/service-filter";
import type { AttributeValue, LogEvent, Span } from "../model";

export interface LogIndex {
  events: readonly LogEvent[];
  /** Indices into `events` by timestamp (stable: equal times keep the source's order). */
  order: readonly number[];
  /** The span each line belongs to, or null; index for index with `events`. */
  spanIds: readonly (string | null)[];
  /**
   * Lower-cased message and field values, index for index with `events`: built at the first query
   * (most views of a trace never filter its logs, and 10,000 lines take about 10 ms to lower-case).
   */
  text(): readonly string[];
}

export function indexLogs(events: readonly LogEvent[], spans: readonly Span[], windowed?: WindowedTrace): LogIndex {
  const order = events.map((_, i) => i).sort((a, b) => events[a].timestamp - events[b].timestamp || a - b);
  let text: string[] | null = null;
  return {
    events,
    order,
    spanIds: resolveLogSpans(events, spans, windowed),
    text: () => (text ??= events.map(searchText)),
  };
}

/** What the query is matched against: the message, then every field's value (not its key). */
function searchText(event: LogEvent): string {
  const parts = [event.message];
  for (const value of Object.values(event.fields)) parts.push(valueText(value));
  return parts.join("\n").toLowerCase();
}

function valueText(value: AttributeValue): string {
  return typeof value === "string" ? value : JSON.stringify(value);
}

/**
 * The lines, in time order (indices into `index.events`), that the service filter and the query keep.
 * A line is of a service when it was written by it, or when its span is one spanMatchesService keeps
 * (so a database filter keeps the lines of the calls made to that database). The query is a
 * case-insensitive substring; blank keeps everything.
 */
export function matchLogs(index: LogIndex, spans: readonly Span[], service: string | null, query: string): number[] {
  const needle = query.trim().toLowerCase();
  const text = needle === "" ? null : index.text();
  const serviceSpans = service === null ? null : new Set(spans.filter((s) => spanMatchesService(s, service)).map((s) => s.spanId));
  return index.order.filter((i) => {
    if (serviceSpans !== null && index.events[i].service !== service) {
      const spanId = index.spanIds[i];
      if (spanId === null || !serviceSpans.has(spanId)) return false;
    }
    return text === null || text[i].includes(needle);
  });
}

/** The position in `rows` of the first line that belongs to `spanId`, or -1. */
export function firstRowOfSpan(index: LogIndex, rows: readonly number[], spanId: string): number {
  return rows.findIndex((i) => index.spanIds[i] === spanId);
}

/**
 * The window the list is cut to, or null for none: when the visible range shows the whole trace
 * (not zoomed), lines logged just before or after its spans (an API Gateway access log, a Lambda
 * REPORT line) stay listed; only a zoom hides lines.
 */
export function zoomWindow(visible: { from: number; to: number }, trace: { startTime: number; endTime: number }): { from: number; to: number } | null {
  const tolerance = 1e-6 * Math.max(1, trace.endTime - trace.startTime);
  return visible.from <= trace.startTime + tolerance && visible.to >= trace.endTime - tolerance ? null : visible;
}

export interface RangedLogs {
  /** The lines within the range, in time order. */
  rows: number[];
  /** How many lines the other filters keep that the range hides. */
  outside: number;
}

/** The lines of `rows` (in time order) with from ≤ timestamp ≤ to (absolute epoch ms); all of them for no range. */
export function withinRange(events: readonly LogEvent[], rows: readonly number[], range: { from: number; to: number } | null): RangedLogs {
  if (range === null) return { rows: [...rows], outside: 0 };
  const start = firstAtOrAfter(events, rows, range.from);
  const end = firstAfter(events, rows, range.to);
  const inside = rows.slice(start, Math.max(start, end));
  return { rows: inside, outside: rows.length - inside.length };
}

/** The position in `rows` (time order) of the first line at or after `time`; rows.length if none. */
export function firstAtOrAfter(events: readonly LogEvent[], rows: readonly number[], time: number): number {
  let lo = 0;
  let hi = rows.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (events[rows[mid]].timestamp < time) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function firstAfter(events: readonly LogEvent[], rows: readonly number[], time: number): number {
  let lo = 0;
  let hi = rows.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (events[rows[mid]].timestamp <= time) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
