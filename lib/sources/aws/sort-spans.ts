/**
 * Spans by start time; at equal starts, ancestors before descendants (an inferred segment starts
 * exactly when the subsegment that called it does), then in input order. Depths are only worked
 * out for spans that tie.
 */
import type { Span } from "../../model";

class Depths {
  private readonly byId: Map<string, Span>;
  private readonly known = new Map<string, number>();

  constructor(private readonly spans: readonly Span[]) {
    this.byId = new Map(spans.map((s) => [s.spanId, s]));
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
      if (chain.length > this.spans.length) break; // a parent cycle
    }
    for (let i = chain.length - 1; i >= 0; i--) this.known.set(chain[i], base + (chain.length - 1 - i));
    return this.known.get(span.spanId) ?? 0;
  }
}

export function sortSpans(spans: readonly Span[]): Span[] {
  let depths: Depths | null = null;
  const tieBreak = (a: Span, b: Span) => {
    depths ??= new Depths(spans);
    return depths.of(a) - depths.of(b);
  };
  return spans
    .map((span, index) => ({ span, index }))
    .sort((a, b) => a.span.startTime - b.span.startTime || tieBreak(a.span, b.span) || a.index - b.index)
    .map((entry) => entry.span);
}
