/**
 * A duration histogram with fixed log-scale buckets, small enough to keep one per rollup cell and
 * exact to add and subtract (counts only), so a percentile of any union of cells can be read back.
 *
 * Bucket i ≥ 1 holds durations d (integer microseconds) with GAMMA^(i-2) < d ≤ GAMMA^(i-1); bucket 0
 * holds d ≤ 0. A bucket answers with 2·GAMMA^(i-1)/(GAMMA+1), which is within RELATIVE_ERROR of
 * every duration it holds (the DDSketch bound): a percentile read here is within ±1 % of the same
 * nearest-rank percentile over the exact durations.
 *
 * Stored as a BLOB of (uint16 bucket, int32 count) pairs sorted by bucket, zero counts dropped. A
 * delta may hold negative counts (a retraction); a stored cell never does.
 */
const GAMMA = 1.02;
const LOG_GAMMA = Math.log(GAMMA);
/** (GAMMA − 1) / (GAMMA + 1): the largest relative error of a bucket's value. */
export const RELATIVE_ERROR = (GAMMA - 1) / (GAMMA + 1);
const PAIR_BYTES = 6;

export function bucketOf(durationUs: number): number {
  if (durationUs <= 0) return 0;
  return 1 + Math.max(0, Math.ceil(Math.log(durationUs) / LOG_GAMMA - 1e-9));
}

/** The value a bucket answers with, microseconds. */
export function bucketValueUs(bucket: number): number {
  if (bucket === 0) return 0;
  return (2 * GAMMA ** (bucket - 1)) / (GAMMA + 1);
}

export type Counts = Map<number, number>;

export function encodeCounts(counts: Counts): Buffer {
  const buckets = [...counts.keys()].filter((b) => counts.get(b) !== 0).sort((a, b) => a - b);
  const out = Buffer.allocUnsafe(buckets.length * PAIR_BYTES);
  buckets.forEach((b, i) => {
    out.writeUInt16LE(b, i * PAIR_BYTES);
    out.writeInt32LE(counts.get(b) ?? 0, i * PAIR_BYTES + 2);
  });
  return out;
}

/** Adds an encoded histogram's counts into `into` (a Map, or a dense array by bucket). */
export function addEncoded(into: Counts, blob: Uint8Array | null): void {
  if (!blob) return;
  const buf = Buffer.isBuffer(blob) ? blob : Buffer.from(blob.buffer, blob.byteOffset, blob.byteLength);
  for (let o = 0; o + PAIR_BYTES <= buf.length; o += PAIR_BYTES) {
    const bucket = buf.readUInt16LE(o);
    into.set(bucket, (into.get(bucket) ?? 0) + buf.readInt32LE(o + 2));
  }
}

const asBuffer = (blob: Uint8Array | null): Buffer =>
  !blob ? Buffer.alloc(0) : Buffer.isBuffer(blob) ? blob : Buffer.from(blob.buffer, blob.byteOffset, blob.byteLength);

/** The sum of two encoded histograms (the SQL function the rollup upserts merge cells with): one pass over both. */
export function mergeEncoded(a: Uint8Array | null, b: Uint8Array | null): Buffer {
  const x = asBuffer(a);
  const y = asBuffer(b);
  const out = Buffer.allocUnsafe(x.length + y.length);
  let i = 0;
  let j = 0;
  let o = 0;
  const put = (bucket: number, count: number) => {
    if (count === 0) return;
    out.writeUInt16LE(bucket, o);
    out.writeInt32LE(count, o + 2);
    o += PAIR_BYTES;
  };
  while (i < x.length || j < y.length) {
    const bx = i < x.length ? x.readUInt16LE(i) : Infinity;
    const by = j < y.length ? y.readUInt16LE(j) : Infinity;
    if (bx === by) {
      put(bx, x.readInt32LE(i + 2) + y.readInt32LE(j + 2));
      i += PAIR_BYTES;
      j += PAIR_BYTES;
    } else if (bx < by) {
      put(bx, x.readInt32LE(i + 2));
      i += PAIR_BYTES;
    } else {
      put(by, y.readInt32LE(j + 2));
      j += PAIR_BYTES;
    }
  }
  return out.subarray(0, o);
}

/** Buckets a dense histogram holds: past the last (durations over 10,000 years) counts go in the last. */
const DENSE_BUCKETS = 2048;

/** A histogram as an array by bucket: cheaper than a Map to add many encoded ones into (the graph reader's SQL aggregate). */
export interface Dense {
  counts: Float64Array;
  total: number;
}

export const emptyDense = (): Dense => ({ counts: new Float64Array(DENSE_BUCKETS), total: 0 });

export function addEncodedDense(into: Dense, blob: Uint8Array | null): void {
  if (!blob) return;
  const buf = asBuffer(blob);
  for (let o = 0; o + PAIR_BYTES <= buf.length; o += PAIR_BYTES) {
    const n = buf.readInt32LE(o + 2);
    into.counts[Math.min(DENSE_BUCKETS - 1, buf.readUInt16LE(o))] += n;
    into.total += n;
  }
}

/** Nearest-rank percentile (as lib/analysis/percentile.ts) of a dense histogram, milliseconds; 0 when empty. */
export function densePercentileMs(dense: Dense, p: number): number {
  if (dense.total <= 0) return 0;
  const rank = Math.min(dense.total, Math.max(1, Math.ceil((p / 100) * dense.total)));
  let seen = 0;
  for (let bucket = 0; bucket < DENSE_BUCKETS; bucket++) {
    seen += dense.counts[bucket];
    if (seen >= rank) return bucketValueUs(bucket) / 1000;
  }
  return 0;
}
