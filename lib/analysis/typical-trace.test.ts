import { describe, expect, it } from "vitest";
import type { TraceSummary } from "../model";
import { pickTypical } from "./typical-trace";

function summary(traceId: string, durationMs: number, startTime = 0, rootName = "GET /orders", rootService = "api"): TraceSummary {
  return { traceId, xrayTraceId: traceId, startTime, durationMs, rootService, rootName, status: "ok", spanCount: 3, httpStatus: 200 };
}

describe("pickTypical", () => {
  it("picks the trace closest to the median of the same root operation", () => {
    const pick = pickTypical([summary("a", 10), summary("b", 40), summary("c", 100), summary("d", 52), summary("e", 5000)], "api", "GET /orders", "x");
    expect(pick?.medianMs).toBe(52);
    expect(pick?.trace.traceId).toBe("d");
    expect(pick?.sampleSize).toBe(5);
  });

  it("ignores other operations, other services and the trace itself", () => {
    const pick = pickTypical(
      [summary("self", 50), summary("other-op", 50, 0, "POST /orders"), summary("other-svc", 50, 0, "GET /orders", "web"), summary("far", 900)],
      "api",
      "GET /orders",
      "self",
    );
    expect(pick?.trace.traceId).toBe("far");
    expect(pick?.sampleSize).toBe(1);
  });

  it("breaks a tie in distance by the earlier start", () => {
    const pick = pickTypical([summary("late", 20, 200), summary("low", 10, 0), summary("early", 20, 100), summary("high", 30, 0)], "api", "GET /orders", "x");
    expect(pick?.medianMs).toBe(20);
    expect(pick?.trace.traceId).toBe("early");
  });

  it("is null when no other trace has the root operation", () => {
    expect(pickTypical([summary("self", 50)], "api", "GET /orders", "self")).toBeNull();
    expect(pickTypical([], "api", "GET /orders", "self")).toBeNull();
  });
});
