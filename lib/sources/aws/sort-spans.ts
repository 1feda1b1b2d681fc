/**
 * Spans by start time; at equal starts, ancestors before descendants (an inferred segment starts
 * exactly when the subsegment that called it does), then in input order. Depths are only worked
 * out for spans that tie.
 */
import type { Span } from "../../model";

/**
 * Each span's parent as a position in `spans` (-1: a root, or a parent not in the set): what depths
 * are worked out from, without a lookup by ID per step.
 */
export function parentPositions(spans: readonly Span[]): Int32Array {
  const position = new Map<string, number>();
  for (let i = 0; i < spans.length; i++) position.set(spans[i].spanId, i);
  const parents = new Int32Array(spans.length);
  for (let i = 0; i < spans.length; i++) {
    const parentId = spans[i].parentSpanId;
    parents[i] = parentId === null ? -1 : (position.get(parentId) ?? -1);
  }
  return parents;
}

class Depths {
  /** Depth + 1 of each position, 0 while unknown. */
  private readonly known: Int32Array;
  /** Whether a parent cycle was met: depths in a cycle depend on which span was asked first. */
  sawCycle = false;

  constructor(private readonly parents: Int32Array) {
    this.known = new Int32Array(parents.length);
  }

  /** Steps up to the topmost ancestor in the set; a parent cycle counts as a root. */
  of(at: number): number {
    const { known, parents } = this;
    if (known[at] !== 0) return known[at] - 1;
    const chain: number[] = [];
    let base = 0;
    for (let cur = at; cur >= 0; cur = parents[cur]) {
      if (known[cur] !== 0) {
        base = known[cur];
        break;
      }
      chain.push(cur);
      if (chain.length > parents.length) {
        this.sawCycle = true;
        break; // a parent cycle
      }
    }
    for (let i = chain.length - 1; i >= 0; i--) known[chain[i]] = base + (chain.length - i);
    return known[at] - 1;
  }
}

/**
 * `parents`: parentPositions(spans), when the caller has it already; worked out only if starts tie
 * otherwise.
 */
export function sortSpans(spans: readonly Span[], parents?: Int32Array): Span[] {
  let depths: Depths | null = null;
  const depthsOf = () => (depths ??= new Depths(parents ?? parentPositions(spans)));
  return sortByKeys(spans, depthsOf) ?? sortByComparator(spans, depthsOf);
}

function sortByComparator(spans: readonly Span[], depthsOf: () => Depths): Span[] {
  // Input positions are sorted rather than spans, without an object per span.
  const n = spans.length;
  const starts = new Float64Array(n);
  const order: number[] = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    starts[i] = spans[i].startTime;
    order[i] = i;
  }
  order.sort((a, b) => starts[a] - starts[b] || depthsOf().of(a) - depthsOf().of(b) || a - b);
  const sorted: Span[] = new Array<Span>(n);
  for (let i = 0; i < n; i++) sorted[i] = spans[order[i]];
  return sorted;
}

/**
 * The same order without a comparator for the common case: start times on the microsecond (as
 * X-Ray's are) within a range small enough that `microseconds from the earliest × n + position`
 * is an exact integer. Those keys sort natively; only runs of equal starts are then ordered by
 * depth. Null (use the comparator) otherwise, or when a parent cycle makes depths order-dependent.
 */
function sortByKeys(spans: readonly Span[], depthsOf: () => Depths): Span[] | null {
  const n = spans.length;
  if (n < 2) return null;
  const micros = new Float64Array(n);
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < n; i++) {
    const start = spans[i].startTime;
    const us = Math.round(start * 1000);
    if (!Number.isSafeInteger(us) || us / 1000 !== start) return null;
    micros[i] = us;
    if (us < min) min = us;
    if (us > max) max = us;
  }
  if ((max - min + 1) * n > Number.MAX_SAFE_INTEGER) return null;
  const keys = new Float64Array(n);
  for (let i = 0; i < n; i++) keys[i] = (micros[i] - min) * n + i;
  keys.sort();
  const order: number[] = new Array<number>(n);
  for (let i = 0; i < n; i++) order[i] = (keys[i] % n) | 0;

  for (let from = 0; from < n;) {
    const at = micros[order[from]];
    let to = from + 1;
    while (to < n && micros[order[to]] === at) to++;
    if (to - from > 1) {
      const d = depthsOf();
      // Positions within the run are ascending already: sort by depth, then position.
      const run = order.slice(from, to).sort((a, b) => d.of(a) - d.of(b) || a - b);
      for (let i = 0; i < run.length; i++) order[from + i] = run[i];
      if (d.sawCycle) return null;
    }
    from = to;
  }
  const sorted: Span[] = new Array<Span>(n);
  for (let i = 0; i < n; i++) sorted[i] = spans[order[i]];
  return sorted;
}
