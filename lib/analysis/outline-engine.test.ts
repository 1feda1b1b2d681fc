import { describe, expect, it } from "vitest";
import type { Trace } from "../model";
import { createOutlineEngine, type OutlineRead } from "./outline-engine";
import { span, traceOf } from "./test-spans";

/** A root and n−1 children, the last one failing. */
function flat(n: number): Trace {
  return traceOf([
    span({ spanId: "root", startTime: 0, endTime: 100 }),
    ...Array.from({ length: n - 1 }, (_, i) => span({ spanId: `c${i}`, parentSpanId: "root", startTime: i, status: i === n - 2 ? "fault" : "ok" })),
  ]);
}

/** A read that counts its calls and answers when told. */
function countingRead(trace: Trace): OutlineRead & { calls: number } {
  const read = {
    calls: 0,
    async trace() {
      read.calls++;
      return trace;
    },
  };
  return read;
}

const plain = { query: "", service: null, collapsed: new Set<string>() };

describe("the outline engine", () => {
  it("reads a trace once for concurrent and later questions, and answers from the outline", async () => {
    const engine = createOutlineEngine({ cacheSpans: 1000, ttlMs: 60_000 });
    const read = countingRead(flat(10));
    const [summary, page] = await Promise.all([engine.summary("t", read), engine.rows("t", read, plain, 2, 3)]);
    expect(read.calls).toBe(1);
    expect(summary.stats.spanCount).toBe(10);
    expect(page.total).toBe(10);
    expect(page.rows.map((r) => r.span.spanId)).toEqual(["c1", "c2", "c3"]);
    const failure = await engine.find("t", read, plain, { from: null, direction: 1, kind: "failure" });
    expect(failure?.span.spanId).toBe("c8");
    expect(read.calls).toBe(1);
    expect(engine.holds("t")).toBe(true);
  });

  it("forgets a read that failed, so the next question reads again", async () => {
    const engine = createOutlineEngine({ cacheSpans: 1000, ttlMs: 60_000 });
    let calls = 0;
    const failing: OutlineRead = {
      trace: async () => {
        calls++;
        throw new Error("upstream 503");
      },
    };
    await expect(engine.summary("t", failing)).rejects.toThrow("upstream 503");
    expect(engine.holds("t")).toBe(false);
    await expect(engine.summary("t", failing)).rejects.toThrow("upstream 503");
    expect(calls).toBe(2);
  });

  it("lets the least recently used outline go once the spans held pass the bound, and adopts a trace already read", async () => {
    const engine = createOutlineEngine({ cacheSpans: 25, ttlMs: 60_000 });
    await engine.summary("a", countingRead(flat(10)));
    engine.adopt("b", flat(10));
    await engine.summary("a", countingRead(flat(10))); // a is now the most recent
    await engine.summary("c", countingRead(flat(10)));
    expect([engine.holds("a"), engine.holds("b"), engine.holds("c")]).toEqual([true, false, true]);
  });

  it("reads a trace again once its outline is older than ttlMs", async () => {
    const engine = createOutlineEngine({ cacheSpans: 1000, ttlMs: 0 });
    const read = countingRead(flat(3));
    await engine.summary("t", read);
    await new Promise((r) => setTimeout(r, 5));
    await engine.summary("t", read);
    expect(read.calls).toBe(2);
  });

  it("reads a trace again once it has grown past the outline held, when its span count is cheap to know", async () => {
    const engine = createOutlineEngine({ cacheSpans: 1000, ttlMs: 60_000 });
    let trace = flat(10);
    let reads = 0;
    const read: OutlineRead = {
      trace: async () => {
        reads++;
        return trace;
      },
      spanCount: () => trace.spans.length,
    };
    expect((await engine.summary("t", read)).stats.spanCount).toBe(10);
    expect((await engine.rows("t", read, { ...plain, query: "c" }, 0, 5)).matchCount).toBe(10);
    expect(reads).toBe(1);
    trace = flat(12);
    expect((await engine.rows("t", read, { ...plain, query: "c" }, 0, 5)).matchCount).toBe(12);
    expect((await engine.summary("t", read)).stats.spanCount).toBe(12);
    expect(reads).toBe(2);
  });
});
