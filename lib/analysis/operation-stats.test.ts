import { describe, expect, it } from "vitest";
import { operationStats } from "./operation-stats";
import { span } from "./test-spans";

describe("operationStats", () => {
  it("groups by service and operation with counts, total and self time, share and errors", () => {
    // api 0──100 { db 10──30, db 40──60 (fault), cache 70──80 }
    const stats = operationStats([
      span({ spanId: "r", service: "api", name: "GET /", startTime: 0, endTime: 100 }),
      span({ spanId: "d1", parentSpanId: "r", service: "db", name: "SELECT", startTime: 10, endTime: 30 }),
      span({ spanId: "d2", parentSpanId: "r", service: "db", name: "SELECT", startTime: 40, endTime: 60, status: "fault" }),
      span({ spanId: "c", parentSpanId: "r", service: "cache", name: "GET", startTime: 70, endTime: 80, status: "throttle" }),
    ]);
    expect(stats.map((s) => [s.service, s.name, s.count, s.totalMs, s.selfMs, s.errors])).toEqual([
      ["api", "GET /", 1, 100, 50, 0],
      ["db", "SELECT", 2, 40, 40, 1],
      ["cache", "GET", 1, 10, 10, 1],
    ]);
    expect(stats.map((s) => s.share)).toEqual([0.5, 0.4, 0.1]);
  });

  it("keeps the same operation name in two services apart, and handles no spans", () => {
    const stats = operationStats([
      span({ spanId: "a", service: "a", name: "GET", startTime: 0, endTime: 10 }),
      span({ spanId: "b", service: "b", name: "GET", startTime: 20, endTime: 25 }),
    ]);
    expect(stats.map((s) => `${s.service} ${s.name}`)).toEqual(["a GET", "b GET"]);
    expect(operationStats([])).toEqual([]);
  });

  it("counts parallel children once in the parent's self time, so shares still add up to 1", () => {
    const stats = operationStats([
      span({ spanId: "r", service: "api", name: "GET /", startTime: 0, endTime: 100 }),
      span({ spanId: "x", parentSpanId: "r", service: "w", name: "job", startTime: 0, endTime: 80 }),
      span({ spanId: "y", parentSpanId: "r", service: "w", name: "job", startTime: 0, endTime: 80 }),
    ]);
    expect(stats[0]).toMatchObject({ service: "w", count: 2, totalMs: 160, selfMs: 160 });
    expect(stats.reduce((s, r) => s + r.share, 0)).toBeCloseTo(1, 10);
  });
});
