/**
 * Which span each log line of a trace belongs to: for the markers on Gantt rows and for selecting a
 * span from a log row.
 *
 * A line belongs to the span its spanId names, when that span is in the trace. Otherwise (Lambda
 * platform lines START / END / REPORT, logs written without span context) to the deepest span of
 * the same service whose interval contains the line's timestamp, ties going to the latest-started
 * span. A line that names a different trace belongs to no span, nor does one that matches nothing.
 *
 * Resolving m lines against n spans takes O((n + m) log(n + m)): lines are swept in time order
 * per service, with the spans open at that moment in a heap ordered by depth.
 */
import type { LogEvent, Span } from "../model";
import { toW3C } from "../trace-id";
import { buildSpanTree } from "./span-tree";

/** The span ID each event belongs to (null for none), index for index with `events`. */
/**
 * A trace the browser does not hold (the windowed view of a large trace): its span IDs are the
 * server's, so a line is attached by the span ID it carries, and a line without one stays unattached.
 */
export interface WindowedTrace {
  traceId: string;
}

/**
 * Whether a line's own trace ID (any form) names another trace than `traceIdOfTrace`. A trace's
 * lines carry the same few spellings of its ID: each is parsed once, not once per line (10,000
 * lines: 15–28 ms of parsing down to a map lookup each).
 */
function otherTraceTest(traceIdOfTrace: string): (own: string | null) => boolean {
  const traceId = toW3C(traceIdOfTrace);
  const seen = new Map<string, boolean>();
  return (own) => {
    if (own === null || traceId === null) return false;
    let other = seen.get(own);
    if (other === undefined) {
      const hex = toW3C(own);
      other = hex !== null && hex !== traceId;
      seen.set(own, other);
    }
    return other;
  };
}

function resolveByOwnSpanId(events: readonly LogEvent[], traceIdOfTrace: string): (string | null)[] {
  const ofOtherTrace = otherTraceTest(traceIdOfTrace);
  return events.map((event) => (event.spanId === null || ofOtherTrace(event.traceId) ? null : event.spanId));
}

export function resolveLogSpans(events: readonly LogEvent[], spans: readonly Span[], windowed?: WindowedTrace): (string | null)[] {
  const out: (string | null)[] = events.map(() => null);
  if (windowed) return resolveByOwnSpanId(events, windowed.traceId);
  if (spans.length === 0) return out;
  const ids = new Set(spans.map((s) => s.spanId));
  const ofOtherTrace = otherTraceTest(spans[0].traceId);

  const pendingByService = new Map<string, number[]>();
  events.forEach((event, i) => {
    if (ofOtherTrace(event.traceId)) return;
    if (event.spanId !== null && ids.has(event.spanId)) {
      out[i] = event.spanId;
    } else if (event.service !== null && Number.isFinite(event.timestamp)) {
      const list = pendingByService.get(event.service);
      if (list) list.push(i);
      else pendingByService.set(event.service, [i]);
    }
  });
  if (pendingByService.size === 0) return out;

  const byService = new Map<string, OpenSpan[]>();
  for (const { span, depth } of buildSpanTree(spans)) {
    if (!pendingByService.has(span.service)) continue;
    const list = byService.get(span.service);
    const open = { span, depth };
    if (list) list.push(open);
    else byService.set(span.service, [open]);
  }
  for (const [service, pending] of pendingByService) {
    const candidates = (byService.get(service) ?? []).sort((a, b) => a.span.startTime - b.span.startTime);
    pending.sort((a, b) => events[a].timestamp - events[b].timestamp);
    const heap = new SpanHeap();
    let next = 0;
    for (const i of pending) {
      const t = events[i].timestamp;
      while (next < candidates.length && candidates[next].span.startTime <= t) heap.push(candidates[next++]);
      // Lines come in time order, so a span that ended before this one stays closed for the rest.
      for (let top = heap.top(); top !== undefined && top.span.endTime < t; top = heap.top()) heap.pop();
      out[i] = heap.top()?.span.spanId ?? null;
    }
  }
  return out;
}

interface OpenSpan {
  span: Span;
  depth: number;
}

/** Deeper first, then the later start, then the smaller span ID (deterministic). */
function before(a: OpenSpan, b: OpenSpan): boolean {
  if (a.depth !== b.depth) return a.depth > b.depth;
  if (a.span.startTime !== b.span.startTime) return a.span.startTime > b.span.startTime;
  return a.span.spanId < b.span.spanId;
}

/** A binary heap with the span that `before` ranks first on top. */
class SpanHeap {
  private items: OpenSpan[] = [];

  top(): OpenSpan | undefined {
    return this.items[0];
  }

  push(item: OpenSpan): void {
    const a = this.items;
    a.push(item);
    let i = a.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(a[i], a[parent])) break;
      [a[i], a[parent]] = [a[parent], a[i]];
      i = parent;
    }
  }

  pop(): void {
    const a = this.items;
    const last = a.pop();
    if (last === undefined || a.length === 0) return;
    a[0] = last;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let best = i;
      if (l < a.length && before(a[l], a[best])) best = l;
      if (r < a.length && before(a[r], a[best])) best = r;
      if (best === i) return;
      [a[i], a[best]] = [a[best], a[i]];
      i = best;
    }
  }
}
