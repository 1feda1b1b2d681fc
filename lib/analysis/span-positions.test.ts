import { describe, expect, it } from "vitest";
import { positionSpans, sortByStart } from "./span-positions";
import { span } from "./test-spans";

const childrenOf = (p: ReturnType<typeof positionSpans>, at: number) => [...p.children.subarray(p.childStart[at], p.childStart[at + 1])];

describe("positionSpans", () => {
  const spans = [
    span({ spanId: "root", startTime: 0 }),
    span({ spanId: "late", parentSpanId: "root", startTime: 9 }),
    span({ spanId: "early", parentSpanId: "root", startTime: 1 }),
    span({ spanId: "lost", parentSpanId: "gone", startTime: 2 }),
    span({ spanId: "self", parentSpanId: "self", startTime: 3 }),
    span({ spanId: "late", parentSpanId: "lost", startTime: 4 }), // repeats an ID: left out
    span({ spanId: "leaf", parentSpanId: "late", startTime: 5 }),
  ];
  const p = positionSpans(spans);

  it("numbers each span by its place, children in lists by their parent's, roots apart", () => {
    expect(p.positionOf.get("late")).toBe(1);
    expect([...p.parent]).toEqual([-1, 0, 0, -1, -1, 3, 1]);
    expect(childrenOf(p, 0)).toEqual([1, 2]);
    expect(childrenOf(p, 1)).toEqual([6]);
    expect(p.roots).toEqual([0, 3, 4]);
  });

  it("leaves a span repeating an earlier ID out of every child list and of the roots, its parent still known", () => {
    expect(p.repeated && [...p.repeated]).toEqual([0, 0, 0, 0, 0, 1, 0]);
    expect(childrenOf(p, 3)).toEqual([]);
    expect(positionSpans(spans.slice(0, 5)).repeated).toBeNull();
  });

  it("sorts the child lists and the roots by start, then ID, once", () => {
    const q = positionSpans([...spans, span({ spanId: "a-tie", parentSpanId: "root", startTime: 9 })]);
    sortByStart(q);
    expect(childrenOf(q, 0).map((i) => q.spans[i].spanId)).toEqual(["early", "a-tie", "late"]);
    expect(q.roots).toEqual([0, 3, 4]);
    expect(q.sorted).toBe(true);
  });
});
