import { describe, expect, it } from "vitest";
import { detectSkew } from "./clock-skew";
import { span } from "./test-spans";

const parent = span({ spanId: "parent", service: "frontend", kind: "client", startTime: 100, endTime: 200 });

describe("detectSkew", () => {
  it("is empty for no spans and for children inside their parents", () => {
    expect(detectSkew([])).toEqual(new Map());
    expect(detectSkew([parent, span({ spanId: "ok", parentSpanId: "parent", service: "api", startTime: 110, endTime: 190 })])).toEqual(new Map());
  });

  it("flags a child of another service that starts before its parent, and by how much", () => {
    const findings = detectSkew([parent, span({ spanId: "early", parentSpanId: "parent", service: "api", startTime: 90, endTime: 150 })]);
    expect(findings).toEqual(new Map([["early", { parentSpanId: "parent", side: "start", byMs: 10 }]]));
  });

  it("flags a child that ends after its parent although it is short enough to fit", () => {
    const findings = detectSkew([parent, span({ spanId: "late", parentSpanId: "parent", service: "api", startTime: 160, endTime: 230 })]);
    expect(findings.get("late")).toEqual({ parentSpanId: "parent", side: "end", byMs: 30 });
  });

  it("does not flag the end of a child longer than its parent (the client timed out), only an early start", () => {
    const findings = detectSkew([
      parent,
      span({ spanId: "slow", parentSpanId: "parent", service: "api", startTime: 120, endTime: 400 }),
      span({ spanId: "slow-early", parentSpanId: "parent", service: "api", startTime: 95, endTime: 400 }),
    ]);
    expect(findings.has("slow")).toBe(false);
    expect(findings.get("slow-early")).toEqual({ parentSpanId: "parent", side: "start", byMs: 5 });
  });

  it("does not flag an async consumer of a producer, or a follows-from child", () => {
    const producer = span({ spanId: "send", service: "orders", kind: "producer", startTime: 0, endTime: 20 });
    const findings = detectSkew([
      producer,
      // An SQS consumer Lambda that starts after SendMessage returned: expected, not skew.
      span({ spanId: "consume", parentSpanId: "send", service: "worker", kind: "consumer", startTime: 25, endTime: 35 }),
      span({
        spanId: "followed",
        parentSpanId: "send",
        service: "audit",
        startTime: 15,
        endTime: 30,
        links: [{ traceId: producer.traceId, spanId: "send", attributes: {} }],
      }),
      // The same timing without the async relation is flagged.
      span({ spanId: "sync", parentSpanId: "send", service: "worker", kind: "server", startTime: 15, endTime: 30 }),
    ]);
    expect([...findings.keys()]).toEqual(["sync"]);
    expect(findings.get("sync")).toEqual({ parentSpanId: "send", side: "end", byMs: 10 });
  });

  it("needs two clocks: a child of the same process is not skewed, the same service on another host is", () => {
    const host = (name: string) => ({ "host.name": name });
    const findings = detectSkew([
      span({ spanId: "handler", service: "api", resource: host("ip-10-0-0-1"), startTime: 0, endTime: 100 }),
      span({ spanId: "background", parentSpanId: "handler", service: "api", resource: host("ip-10-0-0-1"), startTime: 50, endTime: 140 }),
      span({ spanId: "other-host", parentSpanId: "handler", service: "api", resource: host("ip-10-0-0-2"), startTime: 60, endTime: 130 }),
    ]);
    expect([...findings.keys()]).toEqual(["other-host"]);
    expect(findings.get("other-host")).toMatchObject({ side: "end", byMs: 30 });
  });

  it("takes two spans of one service and origin without host identity as one process", () => {
    const findings = detectSkew([
      span({ spanId: "handler", service: "api", startTime: 0, endTime: 100 }),
      span({ spanId: "prefetch", parentSpanId: "handler", service: "api", startTime: -5, endTime: 50 }),
    ]);
    expect(findings).toEqual(new Map());
  });

  it("tells the Lambda service and the function apart by origin", () => {
    const findings = detectSkew([
      span({ spanId: "lambda", service: "checkout", origin: "AWS::Lambda", startTime: 0, endTime: 100 }),
      span({ spanId: "function", parentSpanId: "lambda", service: "checkout", origin: "AWS::Lambda::Function", startTime: -3, endTime: 90 }),
    ]);
    expect(findings.get("function")).toMatchObject({ side: "start", byMs: 3 });
  });

  it("ignores sub-microsecond rounding and catches a few microseconds at epoch scale", () => {
    const t0 = 1_763_700_000_000;
    const root = span({ spanId: "root", service: "frontend", startTime: t0, endTime: t0 + 1 });
    const findings = detectSkew([
      root,
      span({ spanId: "rounding", parentSpanId: "root", service: "api", startTime: t0 - 0.0005, endTime: t0 + 0.5 }),
      span({ spanId: "skewed", parentSpanId: "root", service: "api", startTime: t0 - 0.005, endTime: t0 + 0.5 }),
    ]);
    expect([...findings.keys()]).toEqual(["skewed"]);
    expect(findings.get("skewed")!.byMs).toBeCloseTo(0.005, 3);
  });

  it("has nothing to say about orphans and roots", () => {
    expect(detectSkew([span({ spanId: "orphan", parentSpanId: "gone", startTime: 0, endTime: 10 }), parent])).toEqual(new Map());
  });
});
