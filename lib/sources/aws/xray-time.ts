/**
 * X-Ray times are epoch seconds as floats with microsecond precision. Sightline's are epoch
 * milliseconds; rounding to the microsecond keeps sub-millisecond spans and drops the binary
 * noise of the float product (1.568835610432E9 s → exactly 1568835610432 ms).
 */
export function secondsToMs(seconds: number): number {
  return Math.round(seconds * 1e6) / 1e3;
}

/** A difference of two millisecond times, rounded to the microsecond. */
export function durationMs(startMs: number, endMs: number): number {
  return Math.round((endMs - startMs) * 1e3) / 1e3;
}
