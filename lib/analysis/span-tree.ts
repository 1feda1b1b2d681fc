/**
 * Parent/child order of a trace's spans: depth-first, children by start time. A span whose parent
 * is not in the trace is an orphan: it is kept (as a root) and marked, never hidden.
 */
import type { Span } from "../model";
import { indexSpans, type SpanIndex } from "./span-index";

export interface TreeRow {
  span: Span;
  depth: number;
  /** The span names a parent that is not in the trace. */
  orphan: boolean;
  childCount: number;
}

/**
 * `index`: the spans' index when the caller has built it already (a large trace's outline); its
 * child lists and roots are sorted by start time in place.
 */
export function buildSpanTree(spans: readonly Span[], index: SpanIndex = indexSpans(spans)): TreeRow[] {
  const { children, roots } = index;
  // Ties by span ID in code-unit order: IDs are hex, and localeCompare (a collator's work per
  // call) made the sort of a million-span trace's child lists several times slower.
  const byStart = (a: Span, b: Span) => a.startTime - b.startTime || (a.spanId < b.spanId ? -1 : a.spanId > b.spanId ? 1 : 0);
  roots.sort(byStart);
  for (const list of children.values()) list.sort(byStart);

  const rows: TreeRow[] = [];
  const visited = new Set<string>();
  // Iterative DFS: 100,000-span traces can be deep enough to overflow the call stack.
  const stack: { span: Span; depth: number }[] = roots.map((span) => ({ span, depth: 0 })).reverse();
  const pushAll = () => {
    while (stack.length) {
      const { span, depth } = stack.pop()!;
      // One hash of the ID rather than two: add, and see whether the set grew.
      const seen = visited.size;
      visited.add(span.spanId);
      if (visited.size === seen) continue;
      const kids = children.get(span.spanId) ?? [];
      rows.push({ span, depth, orphan: depth === 0 && span.parentSpanId !== null, childCount: kids.length });
      for (let i = kids.length - 1; i >= 0; i--) stack.push({ span: kids[i], depth: depth + 1 });
    }
  };
  pushAll();
  // Spans in a parent cycle are reachable from no root: show them as orphans too (only those are
  // sorted: in most traces there are none).
  if (rows.length < spans.length) {
    for (const s of spans.filter((span) => !visited.has(span.spanId)).sort(byStart)) {
      if (!visited.has(s.spanId)) {
        stack.push({ span: s, depth: 0 });
        pushAll();
      }
    }
  }
  return rows;
}
