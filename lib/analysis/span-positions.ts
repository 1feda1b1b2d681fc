/**
 * A trace's parent/child structure by position (a span's index in the trace's array), with the
 * parent rules of span-index.ts: a span is a child when its parent ID names another span of the
 * trace; otherwise (no parent, a parent that is missing, itself as parent) it is a root. A span
 * whose ID an earlier span already has is left out of the tree: the first span of an ID is the one
 * kept.
 *
 * Built for a million spans: each span ID is hashed twice (its own, to number it, and its parent's,
 * to find the parent's number); everything after that (the span tree, the critical path, the
 * outline) is typed arrays indexed by position, where maps and sets keyed by span ID made up about
 * two thirds of a million-span outline's build (BENCHMARKS.md, session 14).
 */
import type { Span } from "../model";

export interface SpanPositions {
  spans: readonly Span[];
  /** The position of the first span with each ID. */
  positionOf: ReadonlyMap<string, number>;
  /**
   * The parent's position, -1 for a root. A span left out of the tree (a later span with an ID
   * already seen) has its parent here too, but is in no child list and is no root.
   */
  parent: Int32Array;
  /** 1 for a span left out of the tree: an earlier span has its ID. Null when every ID is distinct. */
  repeated: Uint8Array | null;
  /** The children of position p are `children[childStart[p]]` … `children[childStart[p + 1] - 1]`. */
  childStart: Int32Array;
  children: Int32Array;
  /** Spans without a parent in the trace (true roots and orphans), in input order until sorted. */
  roots: number[];
  /** Whether each child list and the roots are in start order (sortByStart). */
  sorted: boolean;
}

export function positionSpans(spans: readonly Span[]): SpanPositions {
  const n = spans.length;
  const positionOf = new Map<string, number>();
  // Backwards, so that the first span with an ID is the one left: one hash of each ID, not two.
  for (let i = n - 1; i >= 0; i--) positionOf.set(spans[i].spanId, i);
  let repeated: Uint8Array | null = null;
  if (positionOf.size < n) {
    repeated = new Uint8Array(n);
    for (let i = 0; i < n; i++) if (positionOf.get(spans[i].spanId) !== i) repeated[i] = 1;
  }

  const parent = new Int32Array(n).fill(-1);
  const childStart = new Int32Array(n + 1);
  const roots: number[] = [];
  for (let i = 0; i < n; i++) {
    const s = spans[i];
    const parentId = s.parentSpanId;
    const p = parentId !== null && parentId !== s.spanId ? positionOf.get(parentId) : undefined;
    if (p !== undefined) parent[i] = p;
    if (repeated !== null && repeated[i] === 1) continue;
    if (p === undefined) roots.push(i);
    else childStart[p + 1]++;
  }
  for (let p = 0; p < n; p++) childStart[p + 1] += childStart[p];
  const children = new Int32Array(childStart[n]);
  const fill = childStart.slice(0, n);
  for (let i = 0; i < n; i++) {
    const p = parent[i];
    if (p >= 0 && !(repeated !== null && repeated[i] === 1)) children[fill[p]++] = i;
  }
  return { spans, positionOf, parent, repeated, childStart, children, roots, sorted: false };
}

/** Start time, then span ID in code-unit order (IDs are hex: no collator's work per call). */
export function compareByStart(a: Span, b: Span): number {
  return a.startTime - b.startTime || (a.spanId < b.spanId ? -1 : a.spanId > b.spanId ? 1 : 0);
}

/** Sorts each child list and the roots by start time, in place (once). */
export function sortByStart(positions: SpanPositions): void {
  if (positions.sorted) return;
  const { spans, childStart, children, roots } = positions;
  const before = (a: number, b: number) => compareByStart(spans[a], spans[b]);
  roots.sort(before);
  for (let p = 0; p + 1 < childStart.length; p++) {
    const from = childStart[p];
    const to = childStart[p + 1];
    if (to - from < 2) continue;
    let ordered = true;
    for (let k = from + 1; k < to && ordered; k++) ordered = before(children[k - 1], children[k]) <= 0;
    if (!ordered) children.subarray(from, to).sort(before);
  }
  positions.sorted = true;
}

/** The trace's spans that are left out of the tree as not first of their ID. */
export const isRepeated = (positions: SpanPositions, i: number): boolean => positions.repeated !== null && positions.repeated[i] === 1;
