import { describe, expect, it } from "vitest";
import type { Span } from "../model";
import { buildServiceGraph } from "./service-graph";
import { buildSpanTree } from "./span-tree";
import { span, traceOf } from "./test-spans";
import { buildTraceOutline, findSpan, locateSpan, minimapCells, outlineSummary, viewRows, windowOf, type OutlineView } from "./trace-outline";
import { spanSearchPredicate, visibleRows } from "./visible-rows";

// root ─ a ─ a1
//      │   └ a2 (db, fault)
//      └ b ─ b1 (error)
//  orphan (its parent is not in the trace)
const spans = [
  span({ spanId: "root", startTime: 0, endTime: 100, service: "gw" }),
  span({ spanId: "a", parentSpanId: "root", startTime: 1, endTime: 40, service: "orders" }),
  span({ spanId: "a1", parentSpanId: "a", startTime: 2, endTime: 10, service: "orders" }),
  span({ spanId: "a2", parentSpanId: "a", startTime: 3, endTime: 45, service: "orders", name: "SELECT orders", status: "fault" }),
  span({ spanId: "b", parentSpanId: "root", startTime: 50, endTime: 90, service: "billing" }),
  span({ spanId: "b1", parentSpanId: "b", startTime: 51, endTime: 60, service: "billing", status: "error" }),
  span({ spanId: "orphan", parentSpanId: "gone", startTime: 5, endTime: 6, service: "lost" }),
];
const outline = buildTraceOutline(traceOf(spans));
const view = (v: Partial<OutlineView> = {}): OutlineView => ({ query: "", service: null, collapsed: new Set(), ...v });
const ids = (rows: { span: { spanId: string } }[]) => rows.map((r) => r.span.spanId);
const windowIds = (v: OutlineView, offset = 0, limit = 100) => ids(windowOf(outline, v, viewRows(outline, v), offset, limit));

describe("buildTraceOutline", () => {
  it("knows each row's subtree: its end, its failures below, its latest end", () => {
    const at = (id: string) => outline.rowOf(id)!;
    expect(ids(outline.rows)).toEqual(ids(buildSpanTree(spans)));
    expect(outline.subtreeEnd[at("a")]).toBe(at("a2") + 1);
    expect(outline.subtreeEnd[at("root")]).toBe(at("b1") + 1);
    expect(outline.descendantFailures[at("root")]).toBe(2);
    expect(outline.descendantFailures[at("a")]).toBe(1);
    expect(outline.descendantFailures[at("a2")]).toBe(0);
    // a2 outlives its parent a: a's subtree ends at 45, not 40.
    expect(outline.subtreeEndTime[at("a")]).toBe(45);
    expect(outline.parentRow[at("orphan")]).toBe(-1);
  });
});

describe("viewRows and windowOf", () => {
  it("give the rows visible-rows.ts gives, for every filter and fold", () => {
    const cases: OutlineView[] = [
      view(),
      view({ collapsed: new Set(["a"]) }),
      view({ collapsed: new Set(["root"]) }),
      view({ query: "select" }),
      view({ service: "billing" }),
      view({ query: "b", collapsed: new Set(["b"]) }),
      view({ collapsed: new Set(["a1"]) }), // a leaf: nothing to fold
    ];
    for (const v of cases) {
      const search = spanSearchPredicate(v.query);
      const predicate = search || v.service ? (s: Span) => (!v.service || s.service === v.service) && (!search || search(s)) : null;
      const expected = visibleRows(buildSpanTree(spans), predicate, v.collapsed);
      const got = windowOf(outline, v, viewRows(outline, v), 0, 100);
      expect(ids(got)).toEqual(ids(expected));
      expect(got.map((r) => [r.matches, r.collapsed])).toEqual(expected.map((r) => [r.matches, r.collapsed]));
      expect(got.map((r) => r.index)).toEqual(expected.map((_, k) => k));
    }
  });

  it("cuts a window at its offset and limit, and past the end gives nothing", () => {
    expect(windowIds(view(), 2, 3)).toEqual(ids(buildSpanTree(spans)).slice(2, 5));
    expect(windowIds(view(), 50, 10)).toEqual([]);
  });

  it("counts the matches, not their ancestors", () => {
    expect(viewRows(outline, view({ service: "billing" })).matchCount).toBe(2);
    expect(viewRows(outline, view()).matchCount).toBe(0);
  });

  it("says what a folded row hides: how many spans, how many failing, until when", () => {
    const [, a] = windowOf(outline, view({ collapsed: new Set(["a"]) }), viewRows(outline, view({ collapsed: new Set(["a"]) })), 0, 2);
    expect(a.span.spanId).toBe("a");
    expect([a.collapsed, a.descendants, a.descendantFailures, a.subtreeEndTime]).toEqual([true, 2, 1, 45]);
  });

  it("marks the critical path's sections on the rows it passes through", () => {
    const rows = windowOf(outline, view(), viewRows(outline, view()), 0, 100);
    const root = rows.find((r) => r.span.spanId === "root")!;
    expect(root.onCriticalPath).toBe(true);
    expect(root.critical.length).toBeGreaterThan(0);
    expect(rows.find((r) => r.span.spanId === "orphan")!.onCriticalPath).toBe(false);
  });
});

describe("locateSpan", () => {
  it("unfolds the folded ancestors of a span and gives its position in the unfolded view", () => {
    const v = view({ collapsed: new Set(["root", "a", "b"]) });
    const at = locateSpan(outline, v, "a2")!;
    expect(at.unfolded.sort()).toEqual(["a", "root"]);
    const unfoldedView = view({ collapsed: new Set(["b"]) });
    expect(windowIds(unfoldedView)[at.index]).toBe("a2");
    expect(at.span.spanId).toBe("a2");
  });

  it("gives -1 for a span the filter hides, and null for an unknown one", () => {
    expect(locateSpan(outline, view({ service: "billing" }), "a1")!.index).toBe(-1);
    expect(locateSpan(outline, view(), "nope")).toBeNull();
  });

  it("gives the span's self time: its duration less its children's union", () => {
    // a: 1–40; children a1 2–10 and a2 3–45 (clipped to 40): busy 2–40 → self 1 ms.
    expect(locateSpan(outline, view(), "a")!.selfTimeMs).toBeCloseTo(1);
  });
});

describe("findSpan", () => {
  it("finds the next and previous failing span anywhere, folded or not, wrapping around", () => {
    const folded = view({ collapsed: new Set(["root"]) });
    expect(findSpan(outline, folded, null, 1, "failure")).toBe("a2");
    expect(findSpan(outline, folded, "a2", 1, "failure")).toBe("b1");
    expect(findSpan(outline, folded, "b1", 1, "failure")).toBe("a2");
    expect(findSpan(outline, folded, "a2", -1, "failure")).toBe("b1");
  });

  it("finds search matches, and nothing without a search", () => {
    expect(findSpan(outline, view({ query: "orders" }), "a", 1, "match")).toBe("a1");
    expect(findSpan(outline, view(), null, 1, "match")).toBeNull();
  });
});

describe("minimapCells and outlineSummary", () => {
  it("paints each band with its worst span: faults over errors over ok", () => {
    const m = minimapCells(outline, 10, 1);
    expect(m.cells).toHaveLength(10);
    expect(m.cells).toContain(-1); // a2's fault
    expect(m.cells.every((c) => c !== 0)).toBe(true); // the root covers every column
  });

  it("sums up the trace without its spans", () => {
    const s = outlineSummary(outline);
    expect(s.trace.spans).toEqual([]);
    expect(s.stats.spanCount).toBe(spans.length);
    expect([s.stats.faultCount, s.stats.errorCount]).toEqual([1, 1]);
    expect(s.stats.spansPerService).toContainEqual(["orders", 3]);
    expect(s.graph.nodes.map((n) => n.name)).toEqual(expect.arrayContaining(["gw", "orders", "billing"]));
  });

  it("draws the same map as the whole trace's page, its parents taken from the outline's positions", () => {
    const odd = [
      ...spans,
      span({ spanId: "a1", parentSpanId: "root", service: "elsewhere", startTime: 70 }), // a repeated ID: the first a1 is the parent
      span({ spanId: "under-a1", parentSpanId: "a1", service: "payments", startTime: 71, endTime: 72 }),
      span({ spanId: "self", parentSpanId: "self", service: "loop", startTime: 73, endTime: 74 }),
      span({ spanId: "lost", parentSpanId: "gone", service: "orders", startTime: 75, endTime: 76 }),
    ];
    const trace = traceOf(odd);
    const graph = outlineSummary(buildTraceOutline(trace)).graph;
    expect(graph).toEqual(buildServiceGraph(trace.spans));
    expect(graph.edges.map((e) => `${e.source}>${e.target}`)).toContain("orders>payments");
    expect(graph.edges.some((e) => e.source === "loop" && e.target === "loop")).toBe(false);
  });
});
