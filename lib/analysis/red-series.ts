/** A service's statistics series → the rows of its RED charts (rate per minute, error percentages, latency). */
import type { ServiceStatsPoint } from "../model";

export interface RedRow {
  t: number;
  /** Requests per minute. */
  rate: number;
  /** Percent of the step's requests; null when it had none. */
  errorPct: number | null;
  faultPct: number | null;
  throttlePct: number | null;
  p50Ms: number | null;
  p99Ms: number | null;
}

const pct = (n: number, of: number) => (of > 0 ? (100 * n) / of : null);

/**
 * `now`: a step still in progress (it ends after now) has its rate over the part that elapsed, so
 * the last, partial bucket is not drawn as a drop.
 */
export function redRows(series: readonly ServiceStatsPoint[], stepMs: number, now = Infinity): RedRow[] {
  return series.map((p) => ({
    t: p.t,
    rate: p.requests / (Math.max(Math.min(stepMs, now - p.t), stepMs / 60) / 60_000),
    errorPct: pct(p.errors, p.requests),
    faultPct: pct(p.faults, p.requests),
    throttlePct: pct(p.throttles, p.requests),
    p50Ms: p.p50Ms,
    p99Ms: p.p99Ms,
  }));
}

/** The start of the step still in progress at `now`, or null when every step is complete. */
export function partialStep(series: readonly ServiceStatsPoint[], stepMs: number, now: number): number | null {
  const last = series[series.length - 1];
  return last && last.t + stepMs > now && last.t <= now ? last.t : null;
}

export interface RedTotals {
  requests: number;
  errors: number;
  faults: number;
  throttles: number;
}

export function redTotals(series: readonly ServiceStatsPoint[]): RedTotals {
  return series.reduce(
    (sum, p) => ({ requests: sum.requests + p.requests, errors: sum.errors + p.errors, faults: sum.faults + p.faults, throttles: sum.throttles + p.throttles }),
    { requests: 0, errors: 0, faults: 0, throttles: 0 },
  );
}
