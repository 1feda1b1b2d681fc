/**
 * The windowed trace API over a stand-in source (installed where getSource() keeps the configured
 * one): outline, rows, spans/{spanId}, find — their answers, their 400s and 404s, and that a trace
 * is read once and then answered from the outline the server keeps.
 */
import { afterEach, describe, expect, it } from "vitest";
import { buildTraceOutline, outlineRowRecord, outlineSummary, type OutlineSummary, type RowsPage, type SpanLocation } from "@/lib/analysis/trace-outline";
import { span } from "@/lib/analysis/test-spans";
import type { Span, Trace } from "@/lib/model";
import type { LeanTraceReader, Source } from "@/lib/sources/source";
import type { ParsedTraceId } from "@/lib/trace-id";
import { GET as getOutline } from "./[traceId]/outline/route";
import { GET as getRows } from "./[traceId]/rows/route";
import { GET as getSpan } from "./[traceId]/spans/[spanId]/route";
import { GET as getFind } from "./[traceId]/find/route";

const sid = (n: number) => n.toString(16).padStart(16, "0");

/** A root with `groups` children of `per` leaves each; leaf k of group g fails when k === g. */
function treeTrace(traceId: string, groups: number, per: number): Trace {
  const spans: Span[] = [span({ traceId, spanId: sid(1), startTime: 0, endTime: 1000, service: "gw", name: "GET /root" })];
  let n = 2;
  for (let g = 0; g < groups; g++) {
    const group = sid(n++);
    spans.push(span({ traceId, spanId: group, parentSpanId: sid(1), startTime: g * 10, endTime: g * 10 + 9, service: "orders", name: `group ${g}` }));
    for (let k = 0; k < per; k++) {
      spans.push(
        span({
          traceId,
          spanId: sid(n++),
          parentSpanId: group,
          startTime: g * 10 + k * 0.01,
          endTime: g * 10 + k * 0.01 + 0.005,
          service: "db",
          name: `leaf ${g}.${k}`,
          status: k === g ? "fault" : "ok",
          attributes: { "db.statement": `SELECT row ${g}-${k}` },
        }),
      );
    }
  }
  return {
    traceId,
    xrayTraceId: `1-${traceId.slice(0, 8)}-${traceId.slice(8)}`,
    startTime: 0,
    endTime: 1000,
    durationMs: 1000,
    spans,
    services: ["gw", "orders", "db"],
  };
}

class TreeSource implements Partial<Source> {
  reads = 0;
  constructor(private readonly trace: Trace) {}
  readonly kind = "local" as const;
  capabilities = { filterExpressions: false };
  async getTrace(id: ParsedTraceId): Promise<Trace | null> {
    this.reads++;
    return id.hex === this.trace.traceId ? this.trace : null;
  }
  traceNotFoundMessage(id: ParsedTraceId): string {
    return `No ${id.hex} here.`;
  }
}

/** The same trace through lean reads (as the local store gives them): spans without attributes, whole ones by ID. */
class LeanTreeSource extends TreeSource {
  leanReads = 0;
  wholeById = 0;
  readonly traceIdHex: string;
  constructor(private readonly whole: Trace) {
    super(whole);
    this.traceIdHex = whole.traceId;
  }
  readonly leanTraces: LeanTraceReader = {
    getLeanTrace: async (id) => {
      this.leanReads++;
      return id.hex === this.whole.traceId ? { ...this.whole, spans: this.whole.spans.map((s) => ({ ...s, attributes: {} })) } : null;
    },
    getSpansById: async (_id, ids) => {
      this.wholeById += ids.length;
      return this.whole.spans.filter((s) => ids.includes(s.spanId));
    },
    spanIdsWithAttributeText: async (_id, text) =>
      new Set(
        this.whole.spans.filter((s) => Object.values(s.attributes).some((v) => typeof v === "string" && v.toLowerCase().includes(text))).map((s) => s.spanId),
      ),
  };
}

/** …and keeping the trace's outline stored (as the local store does once a trace settles). */
class StoredTreeSource extends LeanTreeSource {
  storedReads = 0;
  /** The trace's span count now: above the outline's when spans arrived since it was stored. */
  traceSpanCount: number;
  constructor(whole: Trace) {
    super(whole);
    const outline = buildTraceOutline(whole);
    const summary = JSON.parse(JSON.stringify(outlineSummary(outline))) as OutlineSummary;
    const records = outline.rows.map((_, i) => outlineRowRecord(outline, i));
    this.traceSpanCount = records.length;
    this.leanTraces.storedOutline = async (id) =>
      id.hex === whole.traceId ? { spanCount: records.length, traceSpanCount: this.traceSpanCount, summary } : null;
    this.leanTraces.storedOutlineRows = async (_id, from, to) => {
      this.storedReads++;
      return { spanCount: records.length, records: records.slice(from, to) };
    };
  }
}

const holder = globalThis as typeof globalThis & { sightlineSource?: unknown };
afterEach(() => {
  delete holder.sightlineSource;
});

let counter = 0;
/** Each test its own trace ID: the outlines the server keeps are per trace. */
function setUp(groups = 5, per = 10, lean: false | "lean" | "stored" = false) {
  const traceId = `5f3a3e12${(++counter).toString(16).padStart(24, "0")}`;
  const trace = treeTrace(traceId, groups, per);
  const source = lean === "stored" ? new StoredTreeSource(trace) : lean ? new LeanTreeSource(trace) : new TreeSource(trace);
  holder.sightlineSource = source;
  const url = (path: string) => new Request(`http://localhost/api/traces/${traceId}${path}`);
  return { traceId, trace, source, url, ctx: { params: Promise.resolve({ traceId }) } };
}

describe("GET /api/traces/{id}/outline", () => {
  it("sums the trace up without its spans, and 404s an unknown trace", async () => {
    const { url, ctx } = setUp();
    const res = await getOutline(url("/outline"), ctx);
    expect(res.status).toBe(200);
    const summary = (await res.json()) as OutlineSummary;
    expect(summary.trace.spans).toEqual([]);
    expect(summary.stats.spanCount).toBe(1 + 5 + 50);
    expect(summary.stats.faultCount).toBe(5);
    expect(summary.minimap.cells.length).toBe(summary.minimap.cols * summary.minimap.bands);

    const other = "5f3a3e12ffffffffffffffffffffffff";
    const missing = await getOutline(new Request(`http://localhost/api/traces/${other}/outline`), { params: Promise.resolve({ traceId: other }) });
    expect(missing.status).toBe(404);
  });
});

describe("GET /api/traces/{id}/rows", () => {
  it("answers a window of the view's rows and the view's size, reading the trace once", async () => {
    const { url, ctx, source } = setUp();
    const page = (await (await getRows(url("/rows?offset=10&limit=5"), ctx)).json()) as RowsPage;
    expect(page.total).toBe(56);
    expect(page.rows.map((r) => r.index)).toEqual([10, 11, 12, 13, 14]);
    const folded = (await (await getRows(url(`/rows?collapsed=${sid(2)},${sid(13)}`), ctx)).json()) as RowsPage;
    expect(folded.total).toBe(56 - 20);
    expect(folded.rows[1]).toMatchObject({ collapsed: true, descendants: 10, descendantFailures: 1 });
    const searched = (await (await getRows(url("/rows?q=leaf%203."), ctx)).json()) as RowsPage;
    expect(searched.matchCount).toBe(10);
    expect(searched.total).toBe(12); // the root, group 3, its ten leaves
    expect(source.reads).toBe(1);
  });

  it("names the bad parameter in a 400", async () => {
    const { url, ctx } = setUp();
    for (const [query, code] of [
      ["limit=5000", "invalid_limit"],
      ["offset=-1", "invalid_offset"],
      ["collapsed=xyz", "invalid_collapsed"],
      [`collapsed=${Array.from({ length: 501 }, (_, k) => sid(k)).join(",")}`, "invalid_collapsed"],
      [`q=${"a".repeat(201)}`, "invalid_q"],
    ]) {
      const res = await getRows(url(`/rows?${query}`), ctx);
      expect(res.status, query.slice(0, 30)).toBe(400);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe(code);
    }
  });
});

describe("GET /api/traces/{id}/spans/{spanId}", () => {
  it("gives the span whole and its row once its folded ancestors are unfolded", async () => {
    const { url, traceId } = setUp();
    const leaf = sid(15); // group 1 (sid 13)'s second leaf
    const res = await getSpan(url(`/spans/${leaf}?collapsed=${sid(13)},${sid(2)}`), { params: Promise.resolve({ traceId, spanId: leaf }) });
    expect(res.status).toBe(200);
    const at = (await res.json()) as SpanLocation;
    expect(at.span.name).toBe("leaf 1.1");
    expect(at.unfolded).toEqual([sid(13)]);
    // root, group 0 (folded), group 1, leaf 1.0, leaf 1.1
    expect(at.index).toBe(4);
  });

  it("404s a span the trace lacks and 400s a malformed one", async () => {
    const { url, traceId } = setUp();
    expect((await getSpan(url(`/spans/${sid(999)}`), { params: Promise.resolve({ traceId, spanId: sid(999) }) })).status).toBe(404);
    expect((await getSpan(url("/spans/nope"), { params: Promise.resolve({ traceId, spanId: "nope" }) })).status).toBe(400);
  });
});

describe("a source with lean reads", () => {
  it("builds the outline from lean spans, answers rows and spans whole, and searches attributes through the source", async () => {
    const { url, ctx, source, traceId } = setUp(5, 10, "lean");
    const lean = source as LeanTreeSource;
    const page = (await (await getRows(url("/rows?offset=2&limit=3"), ctx)).json()) as RowsPage;
    expect(page.rows.map((r) => r.span.name)).toEqual(["leaf 0.0", "leaf 0.1", "leaf 0.2"]);
    expect(page.rows[0].span.attributes).toEqual({ "db.statement": "SELECT row 0-0" });
    expect(lean.wholeById).toBe(3);
    // Only attributes say "row 3-": the lean spans alone would match nothing.
    const searched = (await (await getRows(url("/rows?q=ROW%203-"), ctx)).json()) as RowsPage;
    expect(searched.matchCount).toBe(10);
    expect(searched.total).toBe(12);
    const leaf = sid(15);
    const at = (await (await getSpan(url(`/spans/${leaf}`), { params: Promise.resolve({ traceId, spanId: leaf }) })).json()) as SpanLocation;
    expect(at.span.attributes).toEqual({ "db.statement": "SELECT row 1-1" });
    const found = (await (await getFind(url(`/find?kind=match&q=row%204-2`), ctx)).json()) as SpanLocation;
    expect(found.span).toMatchObject({ name: "leaf 4.2", attributes: { "db.statement": "SELECT row 4-2" } });
    expect([lean.leanReads, lean.reads]).toEqual([1, 0]);
  });
});

describe("a source keeping the trace's outline", () => {
  it("answers the summary and the plain view's rows from it without reading the trace, and reads the trace for a search", async () => {
    const plainSource = setUp(5, 10);
    // The answer from the outline in memory, spans whole.
    const expected = (await (await getRows(plainSource.url("/rows?offset=10&limit=5"), plainSource.ctx)).json()) as RowsPage;
    const { url, ctx, source } = setUp(5, 10, "stored");
    const stored = source as StoredTreeSource;
    const summary = (await (await getOutline(url("/outline"), ctx)).json()) as OutlineSummary;
    expect(summary.stats.spanCount).toBe(56);
    const page = (await (await getRows(url("/rows?offset=10&limit=5"), ctx)).json()) as RowsPage;
    expect(page).toEqual(JSON.parse(JSON.stringify(expected).replaceAll(plainSource.traceId, stored.traceIdHex)));
    expect([stored.storedReads, stored.leanReads, stored.reads]).toEqual([1, 0, 0]);
    const searched = (await (await getRows(url("/rows?q=ROW%203-"), ctx)).json()) as RowsPage;
    expect(searched.matchCount).toBe(10);
    expect([stored.storedReads, stored.leanReads, stored.reads]).toEqual([1, 1, 0]);
    expect(summary.partial).toBeUndefined();
  });

  it("answers an outline older than the trace as it is, its summary marked partial with the trace's span count now", async () => {
    const { url, ctx, source } = setUp(5, 10, "stored");
    const stored = source as StoredTreeSource;
    stored.traceSpanCount = 80;
    const summary = (await (await getOutline(url("/outline"), ctx)).json()) as OutlineSummary;
    expect(summary.stats.spanCount).toBe(56);
    expect(summary.partial).toEqual({ traceSpanCount: 80 });
    const page = (await (await getRows(url("/rows?offset=50&limit=10"), ctx)).json()) as RowsPage;
    expect([page.total, page.rows.length, page.rows[0].index]).toEqual([56, 6, 50]);
    expect([stored.storedReads, stored.leanReads, stored.reads]).toEqual([1, 0, 0]);
  });
});

describe("GET /api/traces/{id}/find", () => {
  it("finds the next and previous failing span over the whole trace, and says when there is none", async () => {
    const { url, ctx } = setUp();
    const first = (await (await getFind(url("/find?kind=failure"), ctx)).json()) as SpanLocation;
    expect(first.span.name).toBe("leaf 0.0");
    const next = (await (await getFind(url(`/find?kind=failure&from=${first.span.spanId}&collapsed=${sid(13)}`), ctx)).json()) as SpanLocation;
    expect(next.span.name).toBe("leaf 1.1");
    expect(next.unfolded).toEqual([sid(13)]);
    const previous = (await (await getFind(url(`/find?kind=failure&direction=previous&from=${first.span.spanId}`), ctx)).json()) as SpanLocation;
    expect(previous.span.name).toBe("leaf 4.4");
    expect(await (await getFind(url("/find?kind=match"), ctx)).json()).toEqual({ span: null });
  });

  it("names a bad direction or kind in a 400", async () => {
    const { url, ctx } = setUp();
    expect((await getFind(url("/find?direction=up"), ctx)).status).toBe(400);
    expect((await getFind(url("/find?kind=slow"), ctx)).status).toBe(400);
  });
});
