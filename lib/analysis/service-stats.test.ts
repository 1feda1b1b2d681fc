import { describe, expect, it } from "vitest";
import type { SpanStatus } from "../model";
import { latencyHistogram, serviceStatsFromSpans, stepStarts } from "./service-stats";

const span = (
  traceId: string,
  spanId: string,
  parentSpanId: string | null,
  service: string,
  startTime: number,
  durationMs: number,
  status: SpanStatus = "ok",
) => ({
  traceId,
  spanId,
  parentSpanId,
  service,
  startTime,
  durationMs,
  status,
  kind: "server" as const,
  attributes: {},
});

describe("stepStarts", () => {
  it("aligns steps to multiples of the step and covers the window", () => {
    expect(stepStarts({ from: 1_500, to: 4_000 }, 1_000)).toEqual([1_000, 2_000, 3_000]);
    expect(stepStarts({ from: 0, to: 1 }, 60_000)).toEqual([0]);
  });
});

describe("latencyHistogram", () => {
  it("counts durations into buckets from the first to the last non-empty one", () => {
    expect(latencyHistogram([30, 40, 120, 900])).toEqual([
      { leMs: 50, count: 2 },
      { leMs: 100, count: 0 },
      { leMs: 250, count: 1 },
      { leMs: 500, count: 0 },
      { leMs: 900, count: 1 },
    ]);
  });

  it("ends at the slowest request, beyond the last bound too", () => {
    expect(latencyHistogram([90_000])).toEqual([{ leMs: 90_000, count: 1 }]);
    expect(latencyHistogram([])).toEqual([]);
  });
});

describe("serviceStatsFromSpans", () => {
  const window = { from: 0, to: 3_000 };

  it("counts the requests a service served: its entry spans, not its internal children", () => {
    const spans = [
      span("t1", "a", null, "api", 100, 50),
      span("t1", "b", "a", "api", 110, 10), // internal: same service as its parent
      span("t1", "c", "a", "db", 120, 20),
      span("t2", "d", null, "gateway", 1_100, 300),
      span("t2", "e", "d", "api", 1_150, 200, "fault"), // called by another service: an entry span
      span("t3", "f", "missing", "api", 2_100, 80, "throttle"), // parent outside the window
      span("t4", "g", null, "api", 2_200, 20, "error"),
    ];
    const { series, histogram } = serviceStatsFromSpans(spans, "api", window, 1_000);
    expect(series).toEqual([
      { t: 0, requests: 1, errors: 0, faults: 0, throttles: 0, p50Ms: 50, p99Ms: 50 },
      { t: 1_000, requests: 1, errors: 0, faults: 1, throttles: 0, p50Ms: 200, p99Ms: 200 },
      { t: 2_000, requests: 2, errors: 1, faults: 0, throttles: 1, p50Ms: 20, p99Ms: 80 },
    ]);
    expect(histogram.reduce((n, b) => n + b.count, 0)).toBe(4);
  });

  it("leaves latency empty (null) in steps without requests and ignores spans outside the window", () => {
    const spans = [span("t1", "a", null, "api", 3_500, 10), span("t2", "b", null, "api", -10, 10)];
    const { series, histogram } = serviceStatsFromSpans(spans, "api", window, 1_000);
    expect(series.every((p) => p.requests === 0 && p.p50Ms === null && p.p99Ms === null)).toBe(true);
    expect(histogram).toEqual([]);
  });
});
