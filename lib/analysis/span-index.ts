/**
 * Parent/child lookups shared by the Gantt analyses, with the parent rules of span-tree.ts: a span
 * is a child when its parent ID names another span of the trace; otherwise (no parent, a parent
 * that is missing, or itself as parent) it is a root. Orphans are roots.
 */
import type { Span } from "../model";

export interface SpanIndex {
  /** The first span with each ID. */
  byId: Map<string, Span>;
  /** Children by parent span ID, in input order. */
  children: Map<string, Span[]>;
  /** Spans without a parent in the trace (true roots and orphans), in input order. */
  roots: Span[];
}

export function indexSpans(spans: readonly Span[]): SpanIndex {
  const byId = new Map<string, Span>();
  // Backwards, so that the first span with an ID is the one left: one hash of each ID, not two.
  for (let i = spans.length - 1; i >= 0; i--) byId.set(spans[i].spanId, spans[i]);
  const children = new Map<string, Span[]>();
  const roots: Span[] = [];
  for (const s of spans) {
    const parentId = s.parentSpanId;
    if (parentId !== null && parentId !== s.spanId && byId.has(parentId)) {
      const list = children.get(parentId);
      if (list) list.push(s);
      else children.set(parentId, [s]);
    } else {
      roots.push(s);
    }
  }
  return { byId, children, roots };
}

/**
 * The span the trace starts with: the earliest-starting root (orphans count). On a tie a true root
 * wins over an orphan, then the longer span, then the smaller span ID. Null for an empty trace.
 */
export function pickRoot(roots: readonly Span[]): Span | null {
  let best: Span | null = null;
  for (const s of roots) {
    if (best === null || compareRoots(s, best) < 0) best = s;
  }
  return best;
}

function compareRoots(a: Span, b: Span): number {
  return (
    a.startTime - b.startTime ||
    Number(a.parentSpanId !== null) - Number(b.parentSpanId !== null) ||
    b.endTime - a.endTime ||
    (a.spanId < b.spanId ? -1 : a.spanId > b.spanId ? 1 : 0)
  );
}

/**
 * Whether a child runs asynchronously to its parent, so that the parent does not wait for it and it
 * may legitimately outlive the parent: a `consumer` span under a `producer` span (a queue or topic
 * message), or a child that links to its parent (OpenTracing follows-from references arrive in
 * OTLP as links).
 */
export function isAsyncChild(child: Span, parent: Span): boolean {
  if (child.kind === "consumer" && parent.kind === "producer") return true;
  return child.links.some((l) => l.spanId === parent.spanId && l.traceId === parent.traceId);
}
