/**
 * OTLP times are unsigned 64-bit nanoseconds since the epoch; Sightline keeps integer epoch
 * microseconds. 2^53 µs is the year 2255, so microseconds fit a double exactly while
 * nanoseconds do not: the conversion divides the 64-bit value exactly, never a float of it.
 */
const TWO_POW_32 = 4294967296;

/** A protobuf fixed64, as its uint32 halves (WireReader's `lo` / `hi`) → µs, truncated. */
export function fixed64NanosToMicros(lo: number, hi: number): number {
  // (hi·2^32 + lo) / 1000 = ⌊hi/1000⌋·2^32 + ((hi mod 1000)·2^32 + lo) / 1000, every term exact.
  const hiQuotient = Math.floor(hi / 1000);
  const rest = (hi - hiQuotient * 1000) * TWO_POW_32 + lo;
  return hiQuotient * TWO_POW_32 + Math.floor(rest / 1000);
}

const DECIMAL = /^\d{1,20}$/;

/** An OTLP/JSON decimal string of nanoseconds → µs, truncated; null when not a decimal. */
export function decimalNanosToMicros(value: string): number | null {
  if (!DECIMAL.test(value)) return null;
  return value.length <= 3 ? 0 : Number(value.slice(0, -3));
}
