/**
 * Aligns two traces by their call tree, for /compare. Two spans are the same call when their
 * parents are aligned and they have the same key (service + operation) and the same position
 * among their parent's children of that key (the k-th call of `orders → SELECT` in A is the k-th
 * in B, by start time). Roots are the children of an imaginary parent. A call with no partner
 * is present in one trace only, and so is its whole subtree.
 *
 * Rows come largest difference first, ranked by the change in the span's own (self) time: the
 * call that got slow comes before the callers that only waited on it (each of them has the same
 * duration difference, but not the same self-time difference). Ties go to the duration
 * difference, then to tree order. O(n log n).
 */
import type { Span, SpanStatus, Trace } from "../model";
import { analyzeCriticalPath } from "./critical-path";
import { selfTimes } from "./self-time";
import { indexSpans, type SpanIndex } from "./span-index";

export interface CompareRow {
  /** Stable across renders: the path of keys and positions from the root. */
  id: string;
  service: string;
  name: string;
  depth: number;
  /** The aligned parent call's row ID; null for roots. */
  parentId: string | null;
  /** Position in depth-first call-tree order. */
  treeIndex: number;
  a: Span | null;
  b: Span | null;
  /** B's duration minus A's; a call present in one trace only counts with 0 in the other. */
  deltaMs: number;
  /** B's self time minus A's, with the same rule. */
  selfDeltaMs: number;
  /** Set when both traces have the call and its status differs. */
  statusChange: { a: SpanStatus; b: SpanStatus } | null;
  onCriticalPathA: boolean;
  onCriticalPathB: boolean;
}

export interface TraceComparison {
  rows: CompareRow[];
  /** Row IDs of each trace's critical path, in tree order. */
  criticalPathA: string[];
  criticalPathB: string[];
  onlyInA: number;
  onlyInB: number;
  statusChanges: number;
}

interface Side {
  index: SpanIndex;
  self: Map<string, number>;
  critical: Set<string>;
}

function side(trace: Trace): Side {
  return { index: indexSpans(trace.spans), self: selfTimes(trace.spans), critical: analyzeCriticalPath(trace.spans).spanIds };
}

const byStart = (x: Span, y: Span) => x.startTime - y.startTime || (x.spanId < y.spanId ? -1 : x.spanId > y.spanId ? 1 : 0);

/** Children grouped by key, each group in start order. Keys keep the order of their first call. */
function groups(spans: readonly Span[]): Map<string, Span[]> {
  const out = new Map<string, Span[]>();
  for (const s of [...spans].sort(byStart)) {
    const key = `${s.service}\u0000${s.name}`;
    const list = out.get(key);
    if (list) list.push(s);
    else out.set(key, [s]);
  }
  return out;
}

export function compareTraces(traceA: Trace, traceB: Trace): TraceComparison {
  const A = side(traceA);
  const B = side(traceB);
  const tree: CompareRow[] = [];
  // Depth-first and iterative, so a 10,000-span trace cannot overflow the stack.
  const stack: { a: readonly Span[]; b: readonly Span[]; depth: number; path: string }[] = [{ a: A.index.roots, b: B.index.roots, depth: 0, path: "" }];
  const seen = new Set<string>();
  while (stack.length > 0) {
    const frame = stack.pop()!;
    const ga = groups(frame.a);
    const gb = groups(frame.b);
    const keys = [...new Set([...ga.keys(), ...gb.keys()])];
    const pending: typeof stack = [];
    for (const key of keys) {
      const la = ga.get(key) ?? [];
      const lb = gb.get(key) ?? [];
      for (let i = 0; i < Math.max(la.length, lb.length); i++) {
        const a = la[i] ?? null;
        const b = lb[i] ?? null;
        // Duplicate span IDs could make a cycle: each span is aligned once.
        if ((a && seen.has(`a${a.spanId}`)) || (b && seen.has(`b${b.spanId}`))) continue;
        if (a) seen.add(`a${a.spanId}`);
        if (b) seen.add(`b${b.spanId}`);
        const id = `${frame.path}/${key.replace("\u0000", " ")}#${i}`;
        const any = (a ?? b)!;
        tree.push({
          id,
          service: any.service,
          name: any.name,
          depth: frame.depth,
          parentId: frame.path === "" ? null : frame.path,
          treeIndex: tree.length,
          a,
          b,
          deltaMs: (b?.durationMs ?? 0) - (a?.durationMs ?? 0),
          selfDeltaMs: (b ? (B.self.get(b.spanId) ?? 0) : 0) - (a ? (A.self.get(a.spanId) ?? 0) : 0),
          statusChange: a && b && a.status !== b.status ? { a: a.status, b: b.status } : null,
          onCriticalPathA: a !== null && A.critical.has(a.spanId),
          onCriticalPathB: b !== null && B.critical.has(b.spanId),
        });
        pending.push({
          a: a ? (A.index.children.get(a.spanId) ?? []) : [],
          b: b ? (B.index.children.get(b.spanId) ?? []) : [],
          depth: frame.depth + 1,
          path: id,
        });
      }
    }
    // Reversed so that the first call's subtree is walked first (tree order).
    for (let i = pending.length - 1; i >= 0; i--) stack.push(pending[i]);
  }
  const rows = [...tree].sort(
    (x, y) => Math.abs(y.selfDeltaMs) - Math.abs(x.selfDeltaMs) || Math.abs(y.deltaMs) - Math.abs(x.deltaMs) || x.treeIndex - y.treeIndex,
  );
  return {
    rows,
    criticalPathA: tree.filter((r) => r.onCriticalPathA).map((r) => r.id),
    criticalPathB: tree.filter((r) => r.onCriticalPathB).map((r) => r.id),
    onlyInA: tree.filter((r) => r.b === null).length,
    onlyInB: tree.filter((r) => r.a === null).length,
    statusChanges: tree.filter((r) => r.statusChange !== null).length,
  };
}
