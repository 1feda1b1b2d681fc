import { afterEach, describe, expect, it } from "vitest";
import { SCOREKEEP_LAMBDA, fixtureSegments } from "../../../test/aws-server/sdk-clients";
import { serviceStatsFromXRay, xrayPeriodSeconds } from "./aws-service-stats";
import { type Harness, inputOf, startHarness } from "./aws-test-setup";

describe("xrayPeriodSeconds", () => {
  it("rounds the step up to whole minutes, at least one", () => {
    expect(xrayPeriodSeconds(10_000)).toBe(60);
    expect(xrayPeriodSeconds(60_000)).toBe(60);
    expect(xrayPeriodSeconds(90_000)).toBe(120);
  });
});

describe("serviceStatsFromXRay", () => {
  it("maps each period's statistics, fills empty periods and sums the histograms", () => {
    const window = { from: 0, to: 180_000 };
    const stats = serviceStatsFromXRay(
      [
        {
          Timestamp: new Date(60_000),
          ServiceSummaryStatistics: {
            TotalCount: 4,
            TotalResponseTime: 1,
            ErrorStatistics: { OtherCount: 1, ThrottleCount: 1 },
            FaultStatistics: { TotalCount: 1 },
          },
          ResponseTimeHistogram: [
            { Value: 0.1, Count: 3 },
            { Value: 0.4, Count: 1 },
          ],
        },
        {
          Timestamp: new Date(120_000),
          ServiceSummaryStatistics: { TotalCount: 1, TotalResponseTime: 0.1 },
          ResponseTimeHistogram: [{ Value: 0.1, Count: 1 }],
        },
      ],
      window,
      60,
    );
    expect(stats.series).toEqual([
      { t: 0, requests: 0, errors: 0, faults: 0, throttles: 0, p50Ms: null, p99Ms: null },
      { t: 60_000, requests: 4, errors: 1, faults: 1, throttles: 1, p50Ms: 100, p99Ms: 400 },
      { t: 120_000, requests: 1, errors: 0, faults: 0, throttles: 0, p50Ms: 100, p99Ms: 100 },
    ]);
    expect(stats.histogram).toEqual([
      { leMs: 100, count: 4 },
      { leMs: 400, count: 1 },
    ]);
  });
});

describe("getServiceStats over the wire", () => {
  let harness: Harness | null = null;
  afterEach(async () => {
    await harness?.close();
    harness = null;
  });

  it("asks GetTimeSeriesServiceStatistics for the service, Period = the step in whole minutes", async () => {
    harness = await startHarness();
    harness.server.putSegments(fixtureSegments(SCOREKEEP_LAMBDA));
    const start = 1499473411.562 * 1000;
    const window = { from: Math.floor(start / 60_000) * 60_000 - 120_000, to: Math.floor(start / 60_000) * 60_000 + 180_000 };
    const stats = await harness.source.getServiceStats("Scorekeep", window, 30_000);
    expect(stats.series).toHaveLength(5);
    expect(stats.series.reduce((n, p) => n + p.requests, 0)).toBe(1);
    expect(stats.series.find((p) => p.requests === 1)?.p99Ms).toBe(3232);
    expect(stats.histogram).toEqual([{ leMs: 3232, count: 1 }]);
    const [call] = harness.calls("GetTimeSeriesServiceStatistics");
    expect(inputOf(call)).toMatchObject({ EntitySelectorExpression: 'service("Scorekeep")', Period: 60 });
  });
});
