/**
 * Parent/child order of a trace's spans: depth-first, children by start time. A span whose parent
 * is not in the trace is an orphan: it is kept (as a root) and marked, never hidden.
 */
import type { Span } from "../model";
import { compareByStart, isRepeated, positionSpans, sortByStart, type SpanPositions } from "./span-positions";

export interface TreeRow {
  span: Span;
  depth: number;
  /** The span names a parent that is not in the trace. */
  orphan: boolean;
  childCount: number;
}

export interface SpanTree {
  rows: TreeRow[];
  /** Each row's span's position in the trace's array (span-positions.ts). */
  positions: Int32Array;
}

/**
 * The tree of spans already positioned (span-positions.ts); their child lists and roots are sorted
 * by start time in place. A span repeating an earlier span's ID is not shown.
 */
export function spanTreeOf(positioned: SpanPositions): SpanTree {
  sortByStart(positioned);
  const { spans, childStart, children, roots } = positioned;
  const n = spans.length;
  const rows: TreeRow[] = [];
  const order: number[] = [];
  const visited = new Uint8Array(n);
  // Iterative DFS: 100,000-span traces can be deep enough to overflow the call stack.
  const stack: number[] = [];
  const depths: number[] = [];
  const pushAll = () => {
    while (stack.length) {
      const p = stack.pop()!;
      const depth = depths.pop()!;
      if (visited[p] === 1) continue;
      visited[p] = 1;
      const span = spans[p];
      const from = childStart[p];
      const to = childStart[p + 1];
      rows.push({ span, depth, orphan: depth === 0 && span.parentSpanId !== null, childCount: to - from });
      order.push(p);
      for (let k = to - 1; k >= from; k--) {
        stack.push(children[k]);
        depths.push(depth + 1);
      }
    }
  };
  for (let k = roots.length - 1; k >= 0; k--) {
    stack.push(roots[k]);
    depths.push(0);
  }
  pushAll();
  // Spans in a parent cycle are reachable from no root: show them as orphans too (only those are
  // sorted: in most traces there are none).
  if (rows.length < n) {
    const left: number[] = [];
    for (let p = 0; p < n; p++) if (visited[p] === 0 && !isRepeated(positioned, p)) left.push(p);
    for (const p of left.sort((a, b) => compareByStart(spans[a], spans[b]))) {
      if (visited[p] === 0) {
        stack.push(p);
        depths.push(0);
        pushAll();
      }
    }
  }
  return { rows, positions: Int32Array.from(order) };
}

/** `positioned`: the spans' positions when the caller has them already (a large trace's outline). */
export function buildSpanTree(spans: readonly Span[], positioned: SpanPositions = positionSpans(spans)): TreeRow[] {
  return spanTreeOf(positioned).rows;
}
