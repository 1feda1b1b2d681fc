import { describe, expect, it } from "vitest";
import { indexSpans, isAsyncChild, pickRoot } from "./span-index";
import { span } from "./test-spans";

describe("indexSpans", () => {
  it("makes roots of spans without a parent, with a missing parent, or parented to themselves", () => {
    const { children, roots } = indexSpans([
      span({ spanId: "root" }),
      span({ spanId: "child", parentSpanId: "root" }),
      span({ spanId: "orphan", parentSpanId: "gone" }),
      span({ spanId: "self", parentSpanId: "self" }),
    ]);
    expect(roots.map((s) => s.spanId)).toEqual(["root", "orphan", "self"]);
    expect(children.get("root")?.map((s) => s.spanId)).toEqual(["child"]);
    expect(children.has("self")).toBe(false);
  });

  it("keeps the first span of an ID sent twice", () => {
    const first = span({ spanId: "dup", name: "first" });
    const { byId } = indexSpans([span({ spanId: "root" }), first, span({ spanId: "dup", name: "second" })]);
    expect(byId.get("dup")).toBe(first);
    expect([...byId.keys()].sort()).toEqual(["dup", "root"]);
  });
});

describe("pickRoot", () => {
  it("takes the earliest start, then a true root, then the longer span", () => {
    expect(pickRoot([])).toBeNull();
    const late = span({ spanId: "late", startTime: 5, endTime: 100 });
    const orphan = span({ spanId: "orphan", parentSpanId: "gone", startTime: 0, endTime: 100 });
    const short = span({ spanId: "short", startTime: 0, endTime: 10 });
    const long = span({ spanId: "long", startTime: 0, endTime: 50 });
    expect(pickRoot([late, orphan])?.spanId).toBe("orphan");
    expect(pickRoot([late, orphan, short])?.spanId).toBe("short");
    expect(pickRoot([late, orphan, short, long])?.spanId).toBe("long");
  });
});

describe("isAsyncChild", () => {
  const producer = span({ spanId: "p", kind: "producer" });
  it("is true for a consumer of a producer and for a follows-from link to the parent", () => {
    expect(isAsyncChild(span({ spanId: "c", kind: "consumer" }), producer)).toBe(true);
    const linked = span({ spanId: "f", links: [{ traceId: producer.traceId, spanId: "p", attributes: {} }] });
    expect(isAsyncChild(linked, span({ spanId: "p", kind: "client" }))).toBe(true);
  });

  it("is false for ordinary calls and for links elsewhere", () => {
    expect(isAsyncChild(span({ spanId: "s", kind: "server" }), producer)).toBe(false);
    expect(isAsyncChild(span({ spanId: "c", kind: "consumer" }), span({ spanId: "x", kind: "client" }))).toBe(false);
    const elsewhere = span({ spanId: "f", links: [{ traceId: "0af7651916cd43dd8448eb211c80319c", spanId: "p", attributes: {} }] });
    expect(isAsyncChild(elsewhere, producer)).toBe(false);
  });
});
