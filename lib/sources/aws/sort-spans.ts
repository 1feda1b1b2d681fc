/**
 * Spans by start time; at equal starts, ancestors before descendants (an inferred segment starts
 * exactly when the subsegment that called it does), then in input order. Depths are only worked
 * out for spans that tie.
 */
import type { Span } from "../../model";

class Depths {
  private readonly byId: ReadonlyMap<string, Span>;
  private readonly known = new Map<string, number>();
  /** Whether a parent cycle was met: depths in a cycle depend on which span was asked first. */
  sawCycle = false;

  constructor(
    private readonly spans: readonly Span[],
    byId?: ReadonlyMap<string, Span>,
  ) {
    if (byId) this.byId = byId;
    else {
      const map = new Map<string, Span>();
      for (const span of spans) map.set(span.spanId, span);
      this.byId = map;
    }
  }

  /** Steps up to the topmost ancestor in the set; a parent cycle counts as a root. */
  of(span: Span): number {
    const memo = this.known.get(span.spanId);
    if (memo !== undefined) return memo;
    const chain: string[] = [];
    let base = 0;
    for (let cur: Span | undefined = span; cur; cur = cur.parentSpanId ? this.byId.get(cur.parentSpanId) : undefined) {
      const known = this.known.get(cur.spanId);
      if (known !== undefined) {
        base = known + 1;
        break;
      }
      chain.push(cur.spanId);
      if (chain.length > this.spans.length) {
        this.sawCycle = true;
        break; // a parent cycle
      }
    }
    for (let i = chain.length - 1; i >= 0; i--) this.known.set(chain[i], base + (chain.length - 1 - i));
    return this.known.get(span.spanId) ?? 0;
  }
}

/** `byId`: the spans by id, when the caller has that map already (it must hold exactly `spans`). */
export function sortSpans(spans: readonly Span[], byId?: ReadonlyMap<string, Span>): Span[] {
  return sortByKeys(spans, byId) ?? sortByComparator(spans, byId);
}

function sortByComparator(spans: readonly Span[], byId: ReadonlyMap<string, Span> | undefined): Span[] {
  let depths: Depths | null = null;
  const tieBreak = (a: Span, b: Span) => {
    depths ??= new Depths(spans, byId);
    return depths.of(a) - depths.of(b);
  };
  // Input positions are sorted rather than spans: the comparator sees the same pairs in the same
  // order as sorting the spans themselves would, without an object per span.
  const n = spans.length;
  const starts = new Float64Array(n);
  const order: number[] = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    starts[i] = spans[i].startTime;
    order[i] = i;
  }
  order.sort((a, b) => starts[a] - starts[b] || tieBreak(spans[a], spans[b]) || a - b);
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
function sortByKeys(spans: readonly Span[], byId: ReadonlyMap<string, Span> | undefined): Span[] | null {
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

  let depths: Depths | null = null;
  for (let from = 0; from < n;) {
    const at = micros[order[from]];
    let to = from + 1;
    while (to < n && micros[order[to]] === at) to++;
    if (to - from > 1) {
      const d = (depths ??= new Depths(spans, byId));
      // Positions within the run are ascending already: sort by depth, then position.
      const run = order.slice(from, to).sort((a, b) => d.of(spans[a]) - d.of(spans[b]) || a - b);
      for (let i = 0; i < run.length; i++) order[from + i] = run[i];
      if (d.sawCycle) return null;
    }
    from = to;
  }
  const sorted: Span[] = new Array<Span>(n);
  for (let i = 0; i < n; i++) sorted[i] = spans[order[i]];
  return sorted;
}
