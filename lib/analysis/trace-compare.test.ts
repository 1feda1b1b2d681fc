import { describe, expect, it } from "vitest";
import type { Span, Trace } from "../model";
import { compareTraces } from "./trace-compare";
import { span } from "./test-spans";

function trace(spans: Span[]): Trace {
  const start = Math.min(...spans.map((s) => s.startTime));
  const end = Math.max(...spans.map((s) => s.endTime));
  return {
    traceId: "t",
    xrayTraceId: "1-t",
    startTime: start,
    endTime: end,
    durationMs: end - start,
    spans,
    services: [...new Set(spans.map((s) => s.service))],
  };
}

// healthy: api 0──100 { auth 5──15, orders 20──90 { db 25──40, pay 45──85 } }
const healthy = trace([
  span({ spanId: "h-api", service: "api", name: "GET /checkout", startTime: 0, endTime: 100 }),
  span({ spanId: "h-auth", parentSpanId: "h-api", service: "auth", name: "verify", startTime: 5, endTime: 15 }),
  span({ spanId: "h-orders", parentSpanId: "h-api", service: "orders", name: "POST /orders", startTime: 20, endTime: 90 }),
  span({ spanId: "h-db", parentSpanId: "h-orders", service: "orders", name: "SELECT", startTime: 25, endTime: 40 }),
  span({ spanId: "h-pay", parentSpanId: "h-orders", service: "orders", name: "POST /charge", kind: "client", startTime: 45, endTime: 85 }),
]);
// failing: the same calls, but the payment call times out after 3 s, and a retry appears.
const failing = trace([
  span({ spanId: "f-api", service: "api", name: "GET /checkout", startTime: 0, endTime: 3100, status: "fault" }),
  span({ spanId: "f-auth", parentSpanId: "f-api", service: "auth", name: "verify", startTime: 5, endTime: 17 }),
  span({ spanId: "f-orders", parentSpanId: "f-api", service: "orders", name: "POST /orders", startTime: 20, endTime: 3090, status: "fault" }),
  span({ spanId: "f-db", parentSpanId: "f-orders", service: "orders", name: "SELECT", startTime: 25, endTime: 40 }),
  span({ spanId: "f-pay", parentSpanId: "f-orders", service: "orders", name: "POST /charge", kind: "client", startTime: 45, endTime: 3045, status: "fault" }),
  span({ spanId: "f-pay2", parentSpanId: "f-orders", service: "orders", name: "POST /charge", kind: "client", startTime: 3046, endTime: 3086 }),
]);

describe("compareTraces", () => {
  it("aligns calls by service, operation and position, and puts the call that got slow first", () => {
    const c = compareTraces(healthy, failing);
    const first = c.rows[0];
    expect(first.a?.spanId).toBe("h-pay");
    expect(first.b?.spanId).toBe("f-pay");
    expect(first.deltaMs).toBe(2960);
    expect(first.selfDeltaMs).toBe(2960);
    expect(first.statusChange).toEqual({ a: "ok", b: "fault" });
    // The callers waited on it: same duration difference, but no self-time difference.
    const api = c.rows.find((r) => r.a?.spanId === "h-api")!;
    expect(api.b?.spanId).toBe("f-api");
    expect(api.deltaMs).toBe(3000);
    expect(c.rows.indexOf(api)).toBeGreaterThan(0);
  });

  it("reports a call present in one trace only, with its whole duration as the difference", () => {
    const c = compareTraces(healthy, failing);
    const retry = c.rows.find((r) => r.b?.spanId === "f-pay2")!;
    expect(retry.a).toBeNull();
    expect(retry.deltaMs).toBe(40);
    expect(c.onlyInB).toBe(1);
    expect(c.onlyInA).toBe(0);
    expect(c.statusChanges).toBe(3);
    const reverse = compareTraces(failing, healthy);
    expect(reverse.onlyInA).toBe(1);
    expect(reverse.rows.find((r) => r.a?.spanId === "f-pay2")?.deltaMs).toBe(-40);
  });

  it("puts the subtree of an unmatched call in one trace only", () => {
    const a = trace([span({ spanId: "r", service: "api", name: "GET /", startTime: 0, endTime: 50 })]);
    const b = trace([
      span({ spanId: "r", service: "api", name: "GET /", startTime: 0, endTime: 50 }),
      span({ spanId: "x", parentSpanId: "r", service: "cache", name: "GET", startTime: 1, endTime: 20 }),
      span({ spanId: "y", parentSpanId: "x", service: "redis", name: "GET", startTime: 2, endTime: 10 }),
    ]);
    const c = compareTraces(a, b);
    expect(
      c.rows
        .filter((r) => r.a === null)
        .map((r) => r.b?.spanId)
        .sort(),
    ).toEqual(["x", "y"]);
    expect(c.rows.find((r) => r.b?.spanId === "y")?.depth).toBe(2);
  });

  it("does not pair calls of different keys, even at the same position", () => {
    const a = trace([
      span({ spanId: "r", service: "api", name: "GET /", startTime: 0, endTime: 50 }),
      span({ spanId: "c1", parentSpanId: "r", service: "db", name: "SELECT", startTime: 1, endTime: 20 }),
    ]);
    const b = trace([
      span({ spanId: "r", service: "api", name: "GET /", startTime: 0, endTime: 50 }),
      span({ spanId: "c1", parentSpanId: "r", service: "db", name: "UPDATE", startTime: 1, endTime: 20 }),
    ]);
    const c = compareTraces(a, b);
    expect(c.onlyInA).toBe(1);
    expect(c.onlyInB).toBe(1);
  });

  it("marks each trace's critical path, in tree order", () => {
    const c = compareTraces(healthy, failing);
    const inB = (id: string) => c.rows.find((r) => r.id === id)!.b?.spanId;
    const inA = (id: string) => c.rows.find((r) => r.id === id)!.a?.spanId;
    // Every call runs in sequence, so every span is on the path, in tree order (not start order).
    expect(c.criticalPathB.map(inB)).toEqual(["f-api", "f-auth", "f-orders", "f-db", "f-pay", "f-pay2"]);
    expect(c.criticalPathA.map(inA)).toEqual(["h-api", "h-auth", "h-orders", "h-db", "h-pay"]);
    // A parallel call that finishes early is not on the path.
    const par = trace([
      span({ spanId: "r", service: "api", name: "GET /", startTime: 0, endTime: 100 }),
      span({ spanId: "slow", parentSpanId: "r", service: "db", name: "Q1", startTime: 0, endTime: 100 }),
      span({ spanId: "fast", parentSpanId: "r", service: "db", name: "Q2", startTime: 0, endTime: 10 }),
    ]);
    const p = compareTraces(par, par);
    expect(p.rows.find((r) => r.a?.spanId === "fast")?.onCriticalPathA).toBe(false);
    expect(p.rows.find((r) => r.a?.spanId === "slow")?.onCriticalPathA).toBe(true);
  });

  it("handles empty traces and duplicate span IDs", () => {
    const empty: Trace = { traceId: "t", xrayTraceId: "1-t", startTime: 0, endTime: 0, durationMs: 0, spans: [], services: [] };
    expect(compareTraces(empty, empty).rows).toEqual([]);
    const dup = trace([
      span({ spanId: "r", service: "api", name: "GET /", startTime: 0, endTime: 50 }),
      span({ spanId: "r", parentSpanId: "r", service: "api", name: "GET /", startTime: 1, endTime: 40 }),
    ]);
    expect(compareTraces(dup, dup).rows.length).toBeGreaterThan(0);
  });
});
