/**
 * Self time: how long a span was busy on its own rather than waiting on its children. It is the
 * span's duration minus the union of its children's intervals clipped to the span, so children
 * that run in parallel count once and the parts of a child outside its parent count not at all.
 *
 * Asynchronous children (see isAsyncChild: a consumer under a producer, a follows-from link) are
 * not waited on and are not subtracted. O(n log n).
 */
import type { Span } from "../model";
import { indexSpans, isAsyncChild } from "./span-index";

/** Self time in milliseconds by span ID; never negative. */
export function selfTimes(spans: readonly Span[]): Map<string, number> {
  const { children } = indexSpans(spans);
  const out = new Map<string, number>();
  for (const span of spans) {
    const start = span.startTime;
    const end = Math.max(span.startTime, span.endTime);
    const intervals: [number, number][] = [];
    for (const child of children.get(span.spanId) ?? []) {
      if (isAsyncChild(child, span)) continue;
      const s = Math.max(child.startTime, start);
      const e = Math.min(child.endTime, end);
      if (e > s) intervals.push([s, e]);
    }
    out.set(span.spanId, Math.max(0, end - start - unionLength(intervals)));
  }
  return out;
}

function unionLength(intervals: [number, number][]): number {
  if (intervals.length === 0) return 0;
  intervals.sort((a, b) => a[0] - b[0]);
  let total = 0;
  let [runStart, runEnd] = intervals[0];
  for (const [s, e] of intervals) {
    if (s > runEnd) {
      total += runEnd - runStart;
      runStart = s;
      runEnd = e;
    } else if (e > runEnd) {
      runEnd = e;
    }
  }
  return total + (runEnd - runStart);
}
