/**
 * The conversion's fast paths (index sort, cached attribute names, shared resources, lazily
 * written warning locations) checked against straightforward versions of the same rules, on the
 * bench's large generated trace and on edge cases the fast paths could get wrong.
 */
import { describe, expect, it } from "vitest";
import { buildLargeXRayTrace } from "../../../bench/aws-segments";
import type { Span } from "../../model";
import { toAttributes } from "../../json-value";
import { segmentsToTrace } from "./segments-to-spans";
import { parentPositions, sortSpans } from "./sort-spans";

/** The plain sort sortSpans must agree with: by start, then depth, then input position. */
function referenceSort(spans: readonly Span[]): Span[] {
  const byId = new Map(spans.map((s) => [s.spanId, s]));
  const known = new Map<string, number>();
  const depth = (span: Span): number => {
    const memo = known.get(span.spanId);
    if (memo !== undefined) return memo;
    const chain: string[] = [];
    let base = 0;
    for (let cur: Span | undefined = span; cur; cur = cur.parentSpanId ? byId.get(cur.parentSpanId) : undefined) {
      const k = known.get(cur.spanId);
      if (k !== undefined) {
        base = k + 1;
        break;
      }
      chain.push(cur.spanId);
      if (chain.length > spans.length) break;
    }
    for (let i = chain.length - 1; i >= 0; i--) known.set(chain[i], base + (chain.length - 1 - i));
    return known.get(span.spanId) ?? 0;
  };
  return spans
    .map((span, index) => ({ span, index }))
    .sort((a, b) => a.span.startTime - b.span.startTime || depth(a.span) - depth(b.span) || a.index - b.index)
    .map((e) => e.span);
}

function span(spanId: string, parentSpanId: string | null, startTime: number): Span {
  return {
    traceId: "0".repeat(31) + "1",
    spanId,
    parentSpanId,
    service: "s",
    name: spanId,
    kind: "internal",
    startTime,
    endTime: startTime + 1,
    durationMs: 1,
    status: "ok",
    statusMessage: null,
    httpStatus: null,
    origin: null,
    attributes: {},
    resource: {},
    events: [],
    links: [],
  };
}

describe("sortSpans", () => {
  function randomSpans(count: number, start: (random: (n: number) => number) => number): Span[] {
    let seed = 7;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    const spans: Span[] = [];
    for (let i = 0; i < count; i++) {
      const parent = i === 0 ? null : random(5) === 0 ? `orphan${i}` : `s${random(i)}`;
      spans.push(span(`s${i}`, parent, start(random)));
    }
    return spans;
  }
  const check = (spans: Span[]) => {
    const expected = referenceSort(spans).map((s) => s.spanId);
    expect(sortSpans(spans).map((s) => s.spanId)).toEqual(expected);
    expect(sortSpans(spans, parentPositions(spans)).map((s) => s.spanId)).toEqual(expected);
  };

  it("orders exactly as the plain sort: microsecond starts with many ties, and orphans", () => {
    check(randomSpans(600, (random) => 1_700_000_000_000 + random(40) / 1000));
    check(randomSpans(600, (random) => random(40)));
  });

  it("orders exactly as the plain sort with a parent cycle among tied spans", () => {
    const spans = randomSpans(600, (random) => random(40));
    spans.push(span("c1", "c2", 3), span("c2", "c1", 3), span("c3", "c1", 3));
    check(spans);
  });

  it("orders exactly as the plain sort with starts finer than a microsecond, or far apart", () => {
    check(randomSpans(300, (random) => random(40) / 7));
    check(randomSpans(300, (random) => (random(2) ? 1e15 : 0) + random(10)));
    check([span("a", null, 5), span("b", "a", 5)]);
    check([]);
  });
});

describe("segmentsToTrace on the bench's large trace", () => {
  const { xrayTraceId, documents, entries } = buildLargeXRayTrace(400);
  const { trace, warnings } = segmentsToTrace(xrayTraceId, documents);

  it("converts every entry, in the plain sort's order", () => {
    expect(warnings).toEqual([]);
    expect(trace.spans).toHaveLength(entries);
    const ids = trace.spans.map((s) => s.spanId);
    expect(referenceSort([...trace.spans].reverse()).map((s) => s.spanId)).toEqual(ids);
  });

  it("gives subsegments their segment's resource object", () => {
    const byId = new Map(trace.spans.map((s) => [s.spanId, s]));
    const segmentOf = (s: Span): Span => (s.kind === "server" ? s : segmentOf(byId.get(s.parentSpanId!)!));
    for (const s of trace.spans) expect(s.resource).toBe(segmentOf(s).resource);
  });

  it("reads JSON strings and parsed documents alike", () => {
    const parsed = segmentsToTrace(
      xrayTraceId,
      documents.map((d) => JSON.parse(d) as unknown),
    );
    expect(JSON.stringify(parsed)).toBe(JSON.stringify({ trace, warnings }));
  });
});

describe("segmentsToTrace attribute names", () => {
  const TRACE = "1-5f3a3e12-89b4a5c6d7e8f90123456789";
  const doc = (id: string, extra: Record<string, unknown>) => ({ id, name: "svc", start_time: 1597652498, end_time: 1597652499, ...extra });

  it("renames a key however the block splits it, and never renames a nested block's path", () => {
    const { trace } = segmentsToTrace(TRACE, [
      doc("aaaaaaaaaaaaaaaa", {
        http: { "request.url": "https://x/a", request: { url: "https://x/b" } },
        sql: { url: { raw: "u" }, user: "me" },
      }),
    ]);
    expect(trace.spans[0].attributes).toEqual({
      "url.full": "https://x/b",
      "sql.url.raw": "u",
      "db.user": "me",
    });
  });

  it("names keys correctly past the name cache's limit", () => {
    const annotations = Object.fromEntries(Array.from({ length: 12_000 }, (_, i) => [`k${i}`, i]));
    const documents = [1, 2].map((n) => doc(`${n}`.repeat(16), { annotations, metadata: { ns: { a: 1 }, flat: "f" }, http: { request: { url: "u" } } }));
    const { trace } = segmentsToTrace(TRACE, documents);
    for (const s of trace.spans) {
      expect(Object.keys(s.attributes)).toHaveLength(12_003);
      expect(s.attributes["annotation.k0"]).toBe(0);
      expect(s.attributes["annotation.k11999"]).toBe(11_999);
      expect(s.attributes["metadata.ns.a"]).toBe(1);
      expect(s.attributes["metadata.flat"]).toBe("f");
      expect(s.attributes["url.full"]).toBe("u");
    }
  });

  it("keeps a __proto__ key of a nested value as a plain key", () => {
    const attributes = toAttributes(JSON.parse('{"__proto__":{"x":1},"a":2}') as Record<string, unknown>);
    expect(Object.getPrototypeOf(attributes)).toBe(Object.prototype);
    expect(Object.keys(attributes)).toEqual(["__proto__", "a"]);
    expect(JSON.stringify(attributes)).toBe('{"__proto__":{"x":1},"a":2}');
  });
});
