/**
 * One service's RED statistics over a time window: per step, the requests it served (counted as
 * buildServiceGraph counts a node's requests), their errors / faults / throttles
 * and p50 / p99 latency; and the latency histogram of the whole window.
 */
import type { LatencyBucket, ServiceStatsPoint, ServiceStatsSeries, SpanStatus, TimeWindow } from "../model";
import { nodeRequests, type RequestSpan } from "./node-requests";
import { percentileSorted } from "./percentile";

// The types live in the model (a source returns them); re-exported for the components that import them from here.
export type { LatencyBucket, ServiceStatsPoint, ServiceStatsSeries } from "../model";

/** Upper bounds of the local histogram's buckets; the last bucket ends at the slowest request. */
const HISTOGRAM_BOUNDS_MS = [1, 2, 5, 10, 25, 50, 100, 250, 500, 1_000, 2_500, 5_000, 10_000, 30_000, 60_000];

/** The start times of the steps covering the window, aligned to multiples of the step. */
export function stepStarts(window: TimeWindow, stepMs: number): number[] {
  const starts: number[] = [];
  for (let t = Math.floor(window.from / stepMs) * stepMs; t < window.to; t += stepMs) starts.push(t);
  return starts;
}

/** Durations → buckets from the first to the last non-empty one. */
export function latencyHistogram(durationsMs: readonly number[]): LatencyBucket[] {
  if (durationsMs.length === 0) return [];
  const max = Math.max(...durationsMs);
  const bounds = HISTOGRAM_BOUNDS_MS.filter((b) => b < max);
  bounds.push(max);
  const counts = bounds.map(() => 0);
  for (const d of durationsMs) {
    const i = bounds.findIndex((b) => d <= b);
    counts[i === -1 ? bounds.length - 1 : i] += 1;
  }
  const first = counts.findIndex((c) => c > 0);
  return bounds.map((leMs, i) => ({ leMs, count: counts[i] })).slice(first);
}

const COUNTED: Record<SpanStatus, "errors" | "faults" | "throttles" | null> = {
  ok: null,
  error: "errors",
  fault: "faults",
  throttle: "throttles",
};

/**
 * The requests `service` served in the window (nodeRequests: its entry spans, or the calls made to
 * it when it is an inferred callee such as a database or a third-party API), per step.
 */
export function serviceStatsFromSpans(spans: Iterable<RequestSpan>, service: string, window: TimeWindow, stepMs: number): ServiceStatsSeries {
  const starts = stepStarts(window, stepMs);
  const first = starts[0] ?? window.from;
  const points: ServiceStatsPoint[] = starts.map((t) => ({ t, requests: 0, errors: 0, faults: 0, throttles: 0, p50Ms: null, p99Ms: null }));
  const durations: number[][] = starts.map(() => []);
  const everything: number[] = [];

  for (const r of nodeRequests(spans)) {
    if (r.node !== service || r.startTime < window.from || r.startTime >= window.to) continue;
    const i = Math.floor((r.startTime - first) / stepMs);
    const point = points[i];
    if (!point) continue;
    point.requests += 1;
    const counted = COUNTED[r.status];
    if (counted) point[counted] += 1;
    durations[i].push(r.durationMs);
    everything.push(r.durationMs);
  }
  points.forEach((point, i) => {
    const sorted = durations[i].sort((a, b) => a - b);
    if (sorted.length === 0) return;
    point.p50Ms = percentileSorted(sorted, 50);
    point.p99Ms = percentileSorted(sorted, 99);
  });
  return { series: points, histogram: latencyHistogram(everything) };
}
