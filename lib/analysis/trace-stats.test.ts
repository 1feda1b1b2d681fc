import { describe, expect, it } from "vitest";
import type { Span, Trace } from "../model";
import { isColdStart, traceStats } from "./trace-stats";
import { span } from "./test-spans";

function trace(spans: Span[]): Trace {
  const startTime = spans.reduce((t, s) => Math.min(t, s.startTime), Infinity);
  const endTime = spans.reduce((t, s) => Math.max(t, s.endTime), -Infinity);
  const services = [...new Set([...spans].sort((a, b) => a.startTime - b.startTime).map((s) => s.service))];
  return {
    traceId: "5b8efff798038103d269b633813fc60c",
    xrayTraceId: "1-5b8efff7-98038103d269b633813fc60c",
    startTime,
    endTime,
    durationMs: endTime - startTime,
    spans,
    services,
  };
}

const LAMBDA = "AWS::Lambda::Function";

describe("traceStats", () => {
  it("summarizes a trace: root, statuses, spans per service, cold starts and depth", () => {
    const stats = traceStats(
      trace([
        span({ spanId: "gw", service: "api-gw", origin: "AWS::ApiGateway::Stage", startTime: 0, endTime: 900 }),
        span({ spanId: "fn", parentSpanId: "gw", service: "checkout", origin: LAMBDA, startTime: 5, endTime: 890, status: "fault" }),
        span({ spanId: "init", parentSpanId: "fn", service: "checkout", origin: LAMBDA, name: "Initialization", startTime: 5, endTime: 400 }),
        span({ spanId: "ddb", parentSpanId: "fn", service: "checkout", origin: LAMBDA, name: "DynamoDB", startTime: 410, endTime: 500, status: "throttle" }),
        span({ spanId: "pay", parentSpanId: "fn", service: "payments", startTime: 500, endTime: 880, status: "error" }),
        span({ spanId: "card", parentSpanId: "pay", service: "payments", startTime: 510, endTime: 870, status: "error" }),
        span({ spanId: "late", parentSpanId: "lost", service: "audit", startTime: 600, endTime: 700 }),
      ]),
    );
    expect(stats.root?.spanId).toBe("gw");
    expect(stats.spanCount).toBe(7);
    expect([stats.errorCount, stats.faultCount, stats.throttleCount]).toEqual([2, 1, 1]);
    expect([...stats.spansPerService]).toEqual([
      ["api-gw", 1],
      ["checkout", 3],
      ["payments", 2],
      ["audit", 1],
    ]);
    expect(stats.coldStarts.map((s) => s.spanId)).toEqual(["init"]);
    expect(stats.depth).toBe(4);
  });

  it("takes the earliest-starting root, an orphan included", () => {
    const stats = traceStats(
      trace([span({ spanId: "root", startTime: 10, endTime: 20 }), span({ spanId: "orphan", parentSpanId: "gone", startTime: 5, endTime: 8 })]),
    );
    expect(stats.root?.spanId).toBe("orphan");
    expect(stats.depth).toBe(1);
  });

  it("has no root and zero depth without spans", () => {
    const empty: Trace = { traceId: "0".repeat(31) + "1", xrayTraceId: "", startTime: 0, endTime: 0, durationMs: 0, spans: [], services: [] };
    expect(traceStats(empty)).toMatchObject({ root: null, spanCount: 0, depth: 0, coldStarts: [] });
  });

  it("measures the depth of a 100,000-deep chain", () => {
    const spans = Array.from({ length: 100_000 }, (_, i) => span({ spanId: `s${i}`, parentSpanId: i ? `s${i - 1}` : null, startTime: i }));
    expect(traceStats(trace(spans)).depth).toBe(100_000);
  });
});

describe("isColdStart", () => {
  it("recognizes faas.coldstart and a Lambda function's init span", () => {
    expect(isColdStart(span({ spanId: "a", attributes: { "faas.coldstart": true } }))).toBe(true);
    expect(isColdStart(span({ spanId: "b", name: "Initialization", origin: LAMBDA }))).toBe(true);
    expect(isColdStart(span({ spanId: "c", name: "init", origin: "AWS::Lambda" }))).toBe(true);
    expect(isColdStart(span({ spanId: "d", name: "Init", origin: LAMBDA }))).toBe(true);
  });

  it("ignores a warm start and init spans outside Lambda", () => {
    expect(isColdStart(span({ spanId: "a", attributes: { "faas.coldstart": false } }))).toBe(false);
    expect(isColdStart(span({ spanId: "b", name: "Initialization", origin: "AWS::EC2::Instance" }))).toBe(false);
    expect(isColdStart(span({ spanId: "c", name: "Initialization" }))).toBe(false);
    expect(isColdStart(span({ spanId: "d", name: "Invocation", origin: LAMBDA }))).toBe(false);
  });
});
