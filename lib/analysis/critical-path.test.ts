import { describe, expect, it } from "vitest";
import type { Span } from "../model";
import { analyzeCriticalPath, criticalPath } from "./critical-path";
import { span } from "./test-spans";

/** Asserts that the sections tile [from, to] without gap or overlap. */
function expectTiling(spans: Span[], from: number, to: number) {
  const { sections } = analyzeCriticalPath(spans);
  const breaks: string[] = [];
  let at = from;
  for (const s of sections) {
    if (s.start !== at || !(s.end > s.start)) breaks.push(`${s.spanId} ${s.start}–${s.end} after ${at}`);
    at = s.end;
  }
  expect(breaks).toEqual([]);
  expect(at).toBe(to);
}

describe("criticalPath", () => {
  it("is empty for no spans", () => {
    expect(criticalPath([])).toEqual(new Set());
    expect(analyzeCriticalPath([]).sections).toEqual([]);
  });

  it("is the root alone for a lone span", () => {
    expect(criticalPath([span({ spanId: "root", startTime: 0, endTime: 10 })])).toEqual(new Set(["root"]));
  });

  // root 0────────────────────────────────100
  //   a   5─────30            (a1 10──25)
  //   b     10──────────60    (b1 15──55)
  //   d       20──40
  //   c                   65──────95
  const fanOut = [
    span({ spanId: "root", startTime: 0, endTime: 100 }),
    span({ spanId: "a", parentSpanId: "root", startTime: 5, endTime: 30 }),
    span({ spanId: "a1", parentSpanId: "a", startTime: 10, endTime: 25 }),
    span({ spanId: "b", parentSpanId: "root", startTime: 10, endTime: 60 }),
    span({ spanId: "b1", parentSpanId: "b", startTime: 15, endTime: 55 }),
    span({ spanId: "d", parentSpanId: "root", startTime: 20, endTime: 40 }),
    span({ spanId: "c", parentSpanId: "root", startTime: 65, endTime: 95 }),
  ];

  it("follows the last-finishing child, then the children that finished before it started", () => {
    expect(criticalPath(fanOut)).toEqual(new Set(["root", "c", "b", "b1"]));
  });

  it("reports the stretch of each span that is on the path, tiling the root", () => {
    expect(analyzeCriticalPath(fanOut).sections).toEqual([
      { spanId: "root", start: 0, end: 10 },
      { spanId: "b", start: 10, end: 15 },
      { spanId: "b1", start: 15, end: 55 },
      { spanId: "b", start: 55, end: 60 },
      { spanId: "root", start: 60, end: 65 },
      { spanId: "c", start: 65, end: 95 },
      { spanId: "root", start: 95, end: 100 },
    ]);
  });

  it("keeps back-to-back sequential calls on the path", () => {
    const spans = [
      span({ spanId: "root", startTime: 0, endTime: 100 }),
      span({ spanId: "first", parentSpanId: "root", startTime: 0, endTime: 50 }),
      span({ spanId: "second", parentSpanId: "root", startTime: 50, endTime: 100 }),
    ];
    expect(criticalPath(spans)).toEqual(new Set(["root", "first", "second"]));
  });

  it("clips a child that outlives its parent and counts only its part inside the parent", () => {
    // The client gave up at 100 while the server ran on to 150.
    const spans = [
      span({ spanId: "client", startTime: 0, endTime: 100 }),
      span({ spanId: "server", parentSpanId: "client", service: "api", startTime: 80, endTime: 150 }),
      span({ spanId: "overlapping", parentSpanId: "client", startTime: 10, endTime: 90 }),
      span({ spanId: "before", parentSpanId: "client", startTime: 20, endTime: 70 }),
    ];
    expect(criticalPath(spans)).toEqual(new Set(["client", "server", "before"]));
    expect(analyzeCriticalPath(spans).sections).toContainEqual({ spanId: "server", start: 80, end: 100 });
    expectTiling(spans, 0, 100);
  });

  it("leaves async work off the path: consumers of a producer, follows-from links, work after the parent ended", () => {
    const spans = [
      span({ spanId: "root", kind: "server", startTime: 0, endTime: 100 }),
      span({ spanId: "work", parentSpanId: "root", startTime: 20, endTime: 90 }),
      span({ spanId: "send", parentSpanId: "root", kind: "producer", startTime: 10, endTime: 20 }),
      // An SQS consumer Lambda that picked the message up before SendMessage returned.
      span({ spanId: "consume", parentSpanId: "send", kind: "consumer", service: "worker", startTime: 15, endTime: 500 }),
      span({ spanId: "consume-db", parentSpanId: "consume", kind: "client", service: "worker", startTime: 16, endTime: 19 }),
      span({ spanId: "audit", parentSpanId: "root", startTime: 95, endTime: 300 }),
      span({
        spanId: "followed",
        parentSpanId: "root",
        startTime: 30,
        endTime: 99,
        links: [{ traceId: "5b8efff798038103d269b633813fc60c", spanId: "root", attributes: {} }],
      }),
      span({ spanId: "flush", parentSpanId: "root", startTime: 100, endTime: 140 }),
      span({ spanId: "flush-io", parentSpanId: "flush", startTime: 110, endTime: 120 }),
    ];
    // audit started inside root and outlived it: clipped to 95–100, it is what root waited on last.
    expect(criticalPath(spans)).toEqual(new Set(["root", "audit", "work", "send"]));
    expectTiling(spans, 0, 100);
  });

  it("starts from the earliest-starting root, orphans included", () => {
    const spans = [
      span({ spanId: "late-root", startTime: 10, endTime: 100 }),
      span({ spanId: "late-child", parentSpanId: "late-root", startTime: 20, endTime: 90 }),
      span({ spanId: "orphan", parentSpanId: "missing", startTime: 0, endTime: 50 }),
      span({ spanId: "orphan-child", parentSpanId: "orphan", startTime: 5, endTime: 45 }),
    ];
    expect(criticalPath(spans)).toEqual(new Set(["orphan", "orphan-child"]));
  });

  it("prefers the true root over an orphan that starts at the same time", () => {
    const spans = [span({ spanId: "orphan", parentSpanId: "missing", startTime: 0, endTime: 90 }), span({ spanId: "root", startTime: 0, endTime: 50 })];
    expect(criticalPath(spans)).toEqual(new Set(["root"]));
  });

  it("keeps sub-millisecond precision at epoch scale", () => {
    const t0 = 1_763_700_000_000;
    const spans = [
      span({ spanId: "root", startTime: t0, endTime: t0 + 1 }),
      span({ spanId: "early", parentSpanId: "root", startTime: t0 + 0.1, endTime: t0 + 0.35 }),
      span({ spanId: "middle", parentSpanId: "root", startTime: t0 + 0.2, endTime: t0 + 0.6 }),
      span({ spanId: "late", parentSpanId: "root", startTime: t0 + 0.35, endTime: t0 + 0.9 }),
    ];
    expect(criticalPath(spans)).toEqual(new Set(["root", "late", "early"]));
  });

  it("terminates when duplicate span IDs make the parent links loop", () => {
    const spans = [
      span({ spanId: "a", startTime: 0, endTime: 100 }),
      span({ spanId: "b", parentSpanId: "a", startTime: 10, endTime: 90 }),
      span({ spanId: "a", parentSpanId: "b", startTime: 20, endTime: 80 }),
    ];
    expect(criticalPath(spans)).toEqual(new Set(["a", "b"]));
  });

  it("walks a 100,000-deep chain without overflowing the stack", () => {
    const n = 100_000;
    const spans = Array.from({ length: n }, (_, i) => span({ spanId: `s${i}`, parentSpanId: i ? `s${i - 1}` : null, startTime: i, endTime: 2 * n - i }));
    const path = criticalPath(spans);
    expect(path.size).toBe(n);
    expect(path.has("s99999")).toBe(true);
    expectTiling(spans, 0, 2 * n);
  });

  it("handles a 100,000-child fan-out, sequential and parallel", () => {
    const n = 100_000;
    const sequential = [
      span({ spanId: "root", startTime: 0, endTime: n }),
      ...Array.from({ length: n }, (_, i) => span({ spanId: `c${i}`, parentSpanId: "root", startTime: i, endTime: i + 1 })),
    ];
    expect(criticalPath(sequential).size).toBe(n + 1);

    const parallel = [
      span({ spanId: "root", startTime: 0, endTime: 2 * n }),
      ...Array.from({ length: n }, (_, i) => span({ spanId: `c${i}`, parentSpanId: "root", startTime: i % 7, endTime: n + i })),
    ];
    expect(criticalPath(parallel)).toEqual(new Set(["root", `c${n - 1}`]));
  });
});
