import { describe, expect, it } from "vitest";
import type { LogEvent } from "../model";
import { lambdaReportsBySpan, memoryPressure } from "./lambda-reports";
import { span } from "./test-spans";

const lambda = { origin: "AWS::Lambda::Function" };
const gateway = span({ spanId: "aaaaaaaaaaaaaaaa", service: "api", startTime: 0, endTime: 1000 });
const first = span({ spanId: "bbbbbbbbbbbbbbbb", parentSpanId: gateway.spanId, service: "fn", startTime: 10, endTime: 300, ...lambda });
const inner = span({ spanId: "cccccccccccccccc", parentSpanId: first.spanId, service: "fn", startTime: 20, endTime: 290, ...lambda });
const second = span({ spanId: "dddddddddddddddd", parentSpanId: gateway.spanId, service: "fn", startTime: 400, endTime: 900, ...lambda });

const report = (at: number, extra = "", segment = "") =>
  ({
    id: String(at),
    timestamp: at,
    message: `REPORT RequestId: c793869b-ee49-115b-a5b6-4fd21e8dedac\tDuration: 128.83 ms\tBilled Duration: 200 ms\tMemory Size: 128 MB\tMax Memory Used: ${extra || "74"} MB${segment ? `\tXRAY TraceId: 1-5d9d007f-0a8c7fd02aaaa480aed55ef0\tSegmentId: ${segment}\tSampled: true` : ""}`,
    level: "unknown" as const,
    service: "fn",
    traceId: null,
    spanId: null,
    logGroup: "/aws/lambda/fn",
    fields: {},
  }) satisfies LogEvent;

describe("lambdaReportsBySpan", () => {
  it("attaches a REPORT line to the invocation that ended last before it", () => {
    const map = lambdaReportsBySpan([report(305), report(901, "120")], [gateway, first, inner, second]);
    expect([...map.keys()].sort()).toEqual([first.spanId, second.spanId]);
    expect(map.get(first.spanId)).toMatchObject({ durationMs: 128.83, billedDurationMs: 200, memorySizeMb: 128, maxMemoryUsedMb: 74 });
    expect(memoryPressure(map.get(first.spanId)!)).toBe(false);
    expect(memoryPressure(map.get(second.spanId)!)).toBe(true);
  });

  it("prefers the segment the line names", () => {
    const map = lambdaReportsBySpan([report(905, "", first.spanId)], [gateway, first, inner, second]);
    expect([...map.keys()]).toEqual([first.spanId]);
  });

  it("ignores REPORT lines far from any invocation, and other lines", () => {
    const other = { ...report(305), message: "START RequestId: x Version: $LATEST" };
    expect(lambdaReportsBySpan([report(10_000), other], [gateway, first, second]).size).toBe(0);
  });
});
