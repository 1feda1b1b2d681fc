import { describe, expect, it } from "vitest";
import { buildSpanTree } from "./span-tree";
import { span } from "./test-spans";

describe("buildSpanTree", () => {
  it("shows a span ID sent twice once, in its first span's place", () => {
    const rows = buildSpanTree([
      span({ spanId: "root", startTime: 0, endTime: 100 }),
      span({ spanId: "dup", parentSpanId: "root", startTime: 10, name: "first" }),
      span({ spanId: "dup", parentSpanId: "root", startTime: 20, name: "second" }),
      span({ spanId: "kid", parentSpanId: "dup", startTime: 30 }),
    ]);
    expect(rows.map((r) => [r.span.spanId, r.span.name, r.depth])).toEqual([
      ["root", "root", 0],
      ["dup", "first", 1],
      ["kid", "kid", 2],
    ]);
  });

  it("orders depth-first with children by start time", () => {
    const rows = buildSpanTree([
      span({ spanId: "c2", parentSpanId: "root", startTime: 50 }),
      span({ spanId: "root", startTime: 0, endTime: 100 }),
      span({ spanId: "c1", parentSpanId: "root", startTime: 10 }),
      span({ spanId: "g1", parentSpanId: "c1", startTime: 12 }),
    ]);
    expect(rows.map((r) => [r.span.spanId, r.depth])).toEqual([
      ["root", 0],
      ["c1", 1],
      ["g1", 2],
      ["c2", 1],
    ]);
    expect(rows[0].childCount).toBe(2);
    expect(rows.every((r) => !r.orphan)).toBe(true);
  });

  it("keeps a span whose parent is missing, as a marked orphan root", () => {
    const rows = buildSpanTree([span({ spanId: "root" }), span({ spanId: "lost", parentSpanId: "gone", startTime: 5 })]);
    expect(rows.map((r) => r.span.spanId)).toEqual(["root", "lost"]);
    expect(rows[1]).toMatchObject({ depth: 0, orphan: true });
    expect(rows[0].orphan).toBe(false);
  });

  it("shows spans caught in a parent cycle instead of dropping them", () => {
    const rows = buildSpanTree([span({ spanId: "a", parentSpanId: "b" }), span({ spanId: "b", parentSpanId: "a", startTime: 1 })]);
    expect(rows.map((r) => r.span.spanId).sort()).toEqual(["a", "b"]);
  });

  it("handles a 100,000-deep chain without overflowing the stack", () => {
    const spans = Array.from({ length: 100_000 }, (_, i) => span({ spanId: `s${i}`, parentSpanId: i ? `s${i - 1}` : null, startTime: i }));
    const rows = buildSpanTree(spans);
    expect(rows).toHaveLength(100_000);
    expect(rows[99_999].depth).toBe(99_999);
  });
});
