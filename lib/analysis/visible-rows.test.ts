import { describe, expect, it } from "vitest";
import { buildSpanTree } from "./span-tree";
import { span } from "./test-spans";
import { spanSearchPredicate, visibleRows } from "./visible-rows";

// root ─ a ─ a1
//      │   └ a2 (db)
//      └ b ─ b1
const rows = buildSpanTree([
  span({ spanId: "root", startTime: 0, endTime: 100, service: "gw" }),
  span({ spanId: "a", parentSpanId: "root", startTime: 1, service: "orders" }),
  span({ spanId: "a1", parentSpanId: "a", startTime: 2, service: "orders" }),
  span({ spanId: "a2", parentSpanId: "a", startTime: 3, service: "orders", name: "SELECT orders", attributes: { "db.statement": "SELECT * FROM orders" } }),
  span({ spanId: "b", parentSpanId: "root", startTime: 50, service: "billing" }),
  span({ spanId: "b1", parentSpanId: "b", startTime: 51, service: "billing" }),
]);
const ids = (r: { span: { spanId: string } }[]) => r.map((x) => x.span.spanId);

describe("visibleRows", () => {
  it("shows everything without filter or collapse", () => {
    expect(ids(visibleRows(rows, null, new Set()))).toEqual(["root", "a", "a1", "a2", "b", "b1"]);
  });

  it("hides the descendants of a collapsed span, and only those", () => {
    const v = visibleRows(rows, null, new Set(["a"]));
    expect(ids(v)).toEqual(["root", "a", "b", "b1"]);
    expect(v[1].collapsed).toBe(true);
  });

  it("keeps matches and their ancestors as context", () => {
    const v = visibleRows(rows, (s) => s.service === "billing", new Set());
    expect(ids(v)).toEqual(["root", "b", "b1"]);
    expect(v.map((r) => r.matches)).toEqual([false, true, true]);
  });

  it("search matches names, services and attribute values, case-insensitively", () => {
    expect(ids(visibleRows(rows, spanSearchPredicate("from ORDERS"), new Set()))).toEqual(["root", "a", "a2"]);
    expect(ids(visibleRows(rows, spanSearchPredicate("BILL"), new Set()))).toEqual(["root", "b", "b1"]);
    expect(spanSearchPredicate("   ")).toBeNull();
  });

  it("combines a filter with a collapse", () => {
    expect(ids(visibleRows(rows, (s) => s.service !== "gw", new Set(["root"])))).toEqual(["root"]);
  });
});
