import { describe, expect, it } from "vitest";
import { partialStep, redRows, redTotals } from "./red-series";

const point = (t: number, requests: number, errors = 0, faults = 0, throttles = 0) => ({
  t,
  requests,
  errors,
  faults,
  throttles,
  p50Ms: requests ? 10 : null,
  p99Ms: requests ? 90 : null,
});

describe("redRows", () => {
  it("gives requests per minute and percentages of the step's requests", () => {
    expect(redRows([point(0, 20, 2, 1, 5), point(30_000, 0)], 30_000)).toEqual([
      { t: 0, rate: 40, errorPct: 10, faultPct: 5, throttlePct: 25, p50Ms: 10, p99Ms: 90 },
      { t: 30_000, rate: 0, errorPct: null, faultPct: null, throttlePct: null, p50Ms: null, p99Ms: null },
    ]);
  });
});

describe("the step still in progress", () => {
  it("has its rate over the part that elapsed, not over the whole step", () => {
    // 10 requests in the first 15 s of a minute: 40 / min, not 10.
    expect(redRows([point(0, 60), point(60_000, 10)], 60_000, 75_000).map((r) => r.rate)).toEqual([60, 40]);
    expect(partialStep([point(0, 60), point(60_000, 10)], 60_000, 75_000)).toBe(60_000);
    expect(partialStep([point(0, 60), point(60_000, 10)], 60_000, 120_000)).toBeNull();
  });
});

describe("redTotals", () => {
  it("sums the series", () => {
    expect(redTotals([point(0, 20, 2, 1, 5), point(1, 3, 1)])).toEqual({ requests: 23, errors: 3, faults: 1, throttles: 5 });
  });
});
