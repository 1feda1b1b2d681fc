/**
 * Whether a process's resident memory levels off, from samples taken at a steady interval.
 *
 * Criterion: the growth over the last third of the run, taken as the least-squares slope of that
 * third times its length (so one GC pause or one late allocation burst does not decide it), must
 * be below 10 % of the mean level of the first third. A leak that keeps going grows as fast at
 * the end as in the middle and fails it; a heap and page cache that fill up and then hold, pass.
 */

export interface RssSample {
  /** Seconds since the run started. */
  t: number;
  bytes: number;
}

/** Least-squares slope in bytes per second; 0 with fewer than two samples. */
export function slope(samples: readonly RssSample[]): number {
  const n = samples.length;
  if (n < 2) return 0;
  const mt = samples.reduce((a, s) => a + s.t, 0) / n;
  const mb = samples.reduce((a, s) => a + s.bytes, 0) / n;
  let num = 0;
  let den = 0;
  for (const s of samples) {
    num += (s.t - mt) * (s.bytes - mb);
    den += (s.t - mt) ** 2;
  }
  return den === 0 ? 0 : num / den;
}

export interface RssVerdict {
  levelsOff: boolean;
  firstThirdMeanBytes: number;
  lastThirdGrowthBytes: number;
  /** Bytes per minute over the last half. */
  lastHalfSlopePerMin: number;
  maxBytes: number;
}

export const LEVEL_OFF_FRACTION = 0.1;

export function judgeRss(samples: readonly RssSample[]): RssVerdict {
  const end = samples.length ? samples[samples.length - 1].t : 0;
  const first = samples.filter((s) => s.t <= end / 3);
  const last = samples.filter((s) => s.t >= (2 * end) / 3);
  const lastHalf = samples.filter((s) => s.t >= end / 2);
  const firstThirdMeanBytes = first.reduce((a, s) => a + s.bytes, 0) / Math.max(1, first.length);
  const lastThirdGrowthBytes = slope(last) * (last.length ? last[last.length - 1].t - last[0].t : 0);
  return {
    levelsOff: samples.length >= 6 && lastThirdGrowthBytes < LEVEL_OFF_FRACTION * firstThirdMeanBytes,
    firstThirdMeanBytes,
    lastThirdGrowthBytes,
    lastHalfSlopePerMin: slope(lastHalf) * 60,
    maxBytes: samples.reduce((a, s) => Math.max(a, s.bytes), 0),
  };
}

/** The sample nearest to `t` seconds. */
export function sampleAt(samples: readonly RssSample[], t: number): RssSample | undefined {
  let best: RssSample | undefined;
  for (const s of samples) if (!best || Math.abs(s.t - t) < Math.abs(best.t - t)) best = s;
  return best;
}
