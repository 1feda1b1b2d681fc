/**
 * getServiceStats on X-Ray: GetTimeSeriesServiceStatistics with `service("name")` and Period =
 * the step (rounded up to whole minutes, X-Ray's granularity). Each period's
 * ServiceSummaryStatistics gives the counts (as aws-service-graph maps them) and its
 * ResponseTimeHistogram the p50 / p99; the window's histogram is the sum of the periods'
 * histograms (the same counts GetServiceGraph's node ResponseTimeHistogram holds).
 */
import { GetTimeSeriesServiceStatisticsCommand, type TimeSeriesServiceStatistics, type XRayClient } from "@aws-sdk/client-xray";
import { stepStarts } from "../../analysis/service-stats";
import type { LatencyBucket, ServiceStatsPoint, ServiceStatsSeries, TimeWindow } from "../../model";
import { toApiError } from "./aws-errors";
import { histogramPercentileMs, serviceStats } from "./aws-service-graph";

const MAX_PAGES = 10;

/** X-Ray's Period: a multiple of 60 seconds, at least the step. */
export function xrayPeriodSeconds(stepMs: number): number {
  return Math.max(60, Math.ceil(stepMs / 60_000) * 60);
}

/** The periods' statistics → the model's series (every step of the window, empty ones too) and histogram. */
export function serviceStatsFromXRay(periods: readonly TimeSeriesServiceStatistics[], window: TimeWindow, periodSeconds: number): ServiceStatsSeries {
  const stepMs = periodSeconds * 1000;
  const byStart = new Map<number, TimeSeriesServiceStatistics>();
  for (const p of periods) {
    if (p.Timestamp) byStart.set(Math.floor(p.Timestamp.getTime() / stepMs) * stepMs, p);
  }
  const merged = new Map<number, number>();
  const series: ServiceStatsPoint[] = stepStarts(window, stepMs).map((t) => {
    const period = byStart.get(t);
    const histogram = period?.ResponseTimeHistogram ?? [];
    for (const e of histogram) {
      if (e.Value !== undefined && e.Count) merged.set(e.Value, (merged.get(e.Value) ?? 0) + e.Count);
    }
    const stats = serviceStats(period?.ServiceSummaryStatistics, histogram);
    const empty = stats.requests === 0;
    return {
      t,
      requests: stats.requests,
      errors: stats.errors,
      faults: stats.faults,
      throttles: stats.throttles,
      p50Ms: empty ? null : histogramPercentileMs(histogram, 50),
      p99Ms: empty ? null : stats.p99Ms,
    };
  });
  const histogram: LatencyBucket[] = [...merged.entries()].sort((a, b) => a[0] - b[0]).map(([seconds, count]) => ({ leMs: seconds * 1000, count }));
  return { series, histogram };
}

export async function getXRayServiceStats(xray: XRayClient, service: string, window: TimeWindow, stepMs: number): Promise<ServiceStatsSeries> {
  const period = xrayPeriodSeconds(stepMs);
  const periods: TimeSeriesServiceStatistics[] = [];
  let nextToken: string | undefined;
  let pages = 0;
  try {
    do {
      pages += 1;
      const answer = await xray.send(
        new GetTimeSeriesServiceStatisticsCommand({
          StartTime: new Date(window.from),
          EndTime: new Date(window.to),
          EntitySelectorExpression: `service(${JSON.stringify(service)})`,
          Period: period,
          NextToken: nextToken,
        }),
      );
      periods.push(...(answer.TimeSeriesServiceStatistics ?? []));
      nextToken = answer.NextToken;
    } while (nextToken && pages < MAX_PAGES);
  } catch (error) {
    throw toApiError(error, "xray:GetTimeSeriesServiceStatistics");
  }
  return serviceStatsFromXRay(periods, window, period);
}
