import { describe, expect, it } from "vitest";
import type { SpanStatus } from "../model";
import { bucketRange, durationHistogram, formatEdge } from "./duration-histogram";

const t = (durationMs: number, status: SpanStatus = "ok") => ({ durationMs, status });

describe("durationHistogram", () => {
  it("is empty without traces", () => {
    expect(durationHistogram([])).toEqual([]);
  });

  it("buckets on the 1-2-5 sequence from the shortest to the longest duration", () => {
    const buckets = durationHistogram([t(12), t(19.9), t(20), t(480, "fault"), t(950)]);
    expect(buckets.map((b) => [b.fromMs, b.toMs, b.count, b.failed])).toEqual([
      [10, 20, 2, 0],
      [20, 50, 1, 0],
      [50, 100, 0, 0],
      [100, 200, 0, 0],
      [200, 500, 1, 1],
      [500, 1000, 1, 0],
    ]);
  });

  it("puts a single value in one bucket a tenth of it wide", () => {
    expect(durationHistogram([t(100), t(100, "error")])).toEqual([{ fromMs: 100, toMs: 110, count: 2, failed: 1 }]);
    expect(durationHistogram([t(5000)])).toEqual([{ fromMs: 5000, toMs: 5500, count: 1, failed: 0 }]);
  });

  it("switches to linear 1-2-5-wide buckets when the logarithmic ones would be too few", () => {
    const buckets = durationHistogram([t(10_050), t(10_400, "fault"), t(10_999)]);
    expect(buckets).toHaveLength(19);
    expect(buckets[0]).toEqual({ fromMs: 10_050, toMs: 10_100, count: 1, failed: 0 });
    expect(buckets[7]).toEqual({ fromMs: 10_400, toMs: 10_450, count: 1, failed: 1 });
    expect(buckets[18]).toEqual({ fromMs: 10_950, toMs: 11_000, count: 1, failed: 0 });
    const small = durationHistogram([t(30), t(400)]);
    expect(small.map((b) => b.fromMs).slice(0, 3)).toEqual([20, 40, 60]);
    expect(small.at(-1)).toEqual({ fromMs: 400, toMs: 420, count: 1, failed: 0 });
  });

  it("writes sub-millisecond edges without float noise, and counts 0 ms in the first bucket", () => {
    const buckets = durationHistogram([t(0), t(0.0031), t(0.3)]);
    expect(buckets[0]).toEqual({ fromMs: 0.001, toMs: 0.002, count: 1, failed: 0 });
    expect(buckets.map((b) => b.fromMs)).toEqual([0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2]);
    expect(buckets.reduce((n, b) => n + b.count, 0)).toBe(3);
  });

  it("ignores non-finite durations", () => {
    expect(durationHistogram([t(Number.NaN), t(3)])).toEqual([{ fromMs: 3, toMs: 3.2, count: 1, failed: 0 }]);
  });
});

describe("bucketRange", () => {
  const buckets = durationHistogram([t(12), t(4800)]);
  it("spans the buckets between two indexes, in either order", () => {
    expect(bucketRange(buckets, 1, 3)).toEqual({ minMs: 20, maxMs: 200 });
    expect(bucketRange(buckets, 3, 1)).toEqual({ minMs: 20, maxMs: 200 });
    expect(bucketRange(buckets, 0, 0)).toEqual({ minMs: 10, maxMs: 20 });
  });
  it("is null for an index outside the buckets", () => {
    expect(bucketRange(buckets, 0, 99)).toBeNull();
  });
});

describe("formatEdge", () => {
  it("writes round edges without decimals, in µs, ms or s", () => {
    expect([0.001, 0.2, 1, 5, 500, 1000, 2000, 10000, 200000].map(formatEdge)).toEqual([
      "1 µs",
      "200 µs",
      "1 ms",
      "5 ms",
      "500 ms",
      "1 s",
      "2 s",
      "10 s",
      "200 s",
    ]);
  });
});
