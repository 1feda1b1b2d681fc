/**
 * The geometry of the log timeline's time strip: the axis ticks (the Gantt's, relative to the trace
 * start) and one marker per pixel column that holds log lines, in the colour of its worst level.
 * Thousands of lines collapse into at most `width` markers, so the strip stays cheap to draw.
 */
import { niceTicks } from "../analysis/time-axis";
import type { LogEvent, LogLevel } from "../model";
import { worseLevel } from "./log-levels";

/** Absolute epoch milliseconds. */
export interface TimeRange {
  from: number;
  to: number;
}

/** Where `time` falls in `range`: 0 at `from`, 1 at `to` (not clamped; 0 for an empty range). */
export function timeFraction(time: number, range: TimeRange): number {
  const width = range.to - range.from;
  return width > 0 ? (time - range.from) / width : 0;
}

export interface StripTick {
  /** 0…1 across the strip. */
  fraction: number;
  /** Relative to the trace start, as on the Gantt's axis: "0 ms", "250 ms", "1.5 s". */
  label: string;
}

/** Axis ticks over `range`, labelled relative to `traceStart`, about one per `spacing` pixels. */
export function stripTicks(range: TimeRange, traceStart: number, width: number, spacing = 72): StripTick[] {
  const from = range.from - traceStart;
  const to = range.to - traceStart;
  const maxTicks = Math.max(2, Math.floor(width / spacing));
  return niceTicks(from, to, maxTicks).map((t) => ({ fraction: (t.value - from) / (to - from), label: t.label }));
}

export interface StripMarker {
  /** The pixel column, 0 … width - 1. */
  x: number;
  /** The worst level of the lines in this column. */
  level: LogLevel;
  /** Some line in this column belongs to the selected span. */
  selected: boolean;
}

/**
 * One marker per pixel column holding at least one of `rows` (indices into `events`), left to right;
 * a line outside `range` is drawn at the nearer edge. `spanIds` is index for index with `events`.
 */
export function stripMarkers(
  events: readonly LogEvent[],
  rows: readonly number[],
  spanIds: readonly (string | null)[],
  selectedSpanId: string | null,
  range: TimeRange,
  width: number,
): StripMarker[] {
  const columns = Math.floor(width);
  if (columns < 1) return [];
  const byColumn = new Map<number, StripMarker>();
  for (const i of rows) {
    const x = Math.min(columns - 1, Math.max(0, Math.floor(timeFraction(events[i].timestamp, range) * columns)));
    const selected = selectedSpanId !== null && spanIds[i] === selectedSpanId;
    const marker = byColumn.get(x);
    if (marker) {
      marker.level = worseLevel(marker.level, events[i].level);
      marker.selected ||= selected;
    } else {
      byColumn.set(x, { x, level: events[i].level, selected });
    }
  }
  return [...byColumn.values()].sort((a, b) => a.x - b.x);
}

/** The pixels [x, x + width) that the interval start…end covers in a strip `width` wide, clipped to it; null when it lies outside. */
export function intervalBand(start: number, end: number, range: TimeRange, width: number): { x: number; width: number } | null {
  const left = Math.max(0, timeFraction(start, range) * width);
  const right = Math.min(width, timeFraction(end, range) * width);
  return right < left ? null : { x: left, width: Math.max(1, right - left) };
}
