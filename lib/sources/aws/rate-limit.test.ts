import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { DEFAULT_API_TPS, OperationRateLimits, TokenBucket, parseApiTps } from "./rate-limit";

describe("TokenBucket", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  /** Takes `n` tokens at once and records when each call was let through (fake ms since start). */
  async function grants(bucket: TokenBucket, n: number, runMs: number): Promise<number[]> {
    const start = Date.now();
    const at: number[] = [];
    for (let i = 0; i < n; i++) void bucket.take().then(() => at.push(Date.now() - start));
    await vi.advanceTimersByTimeAsync(runMs);
    return at;
  }

  it("lets a burst through at once, then one call every 1/rate seconds, in arrival order", async () => {
    const bucket = new TokenBucket(5, 5, () => Date.now());
    const at = await grants(bucket, 12, 3_000);
    expect(at).toHaveLength(12);
    expect(at.slice(0, 5)).toEqual([0, 0, 0, 0, 0]);
    // The 6th waits for the first refilled token (200 ms), the 7th for the next…
    expect(at.slice(5)).toEqual([200, 400, 600, 800, 1000, 1200, 1400]);
  });

  it("never lets more than burst + rate × t calls through in t seconds", async () => {
    const bucket = new TokenBucket(5, 5, () => Date.now());
    const at = await grants(bucket, 100, 4_000);
    for (let t = 0; t <= 4_000; t += 100) {
      const through = at.filter((ms) => ms <= t).length;
      expect(through).toBeLessThanOrEqual(5 + Math.floor((5 * t) / 1000) + 1);
    }
    expect(bucket.waiting).toBe(100 - at.length);
  });

  it("refills while idle up to the burst only", async () => {
    const bucket = new TokenBucket(2, 2, () => Date.now());
    await grants(bucket, 2, 0);
    await vi.advanceTimersByTimeAsync(10_000);
    const at = await grants(bucket, 4, 1_000);
    expect(at).toEqual([0, 0, 500, 1000]);
  });

  it("refuses a rate that is not positive", () => {
    expect(() => new TokenBucket(0)).toThrow(RangeError);
    expect(() => new TokenBucket(Number.NaN)).toThrow(RangeError);
  });
});

describe("OperationRateLimits", () => {
  it("keeps one bucket per service and operation", () => {
    const limits = new OperationRateLimits(5);
    expect(limits.bucket("xray", "BatchGetTraces")).toBe(limits.bucket("xray", "BatchGetTraces"));
    expect(limits.bucket("xray", "BatchGetTraces")).not.toBe(limits.bucket("xray", "GetServiceGraph"));
    expect(limits.bucket("logs", "GetQueryResults")).not.toBe(limits.bucket("xray", "GetQueryResults"));
  });
});

describe("parseApiTps", () => {
  it("defaults, accepts a positive number or off, and names the variable otherwise", () => {
    expect(parseApiTps(undefined)).toBe(DEFAULT_API_TPS);
    expect(parseApiTps("")).toBe(DEFAULT_API_TPS);
    expect(parseApiTps("2.5")).toBe(2.5);
    expect(parseApiTps("OFF")).toBeNull();
    for (const bad of ["0", "-1", "fast", "Infinity"]) expect(() => parseApiTps(bad)).toThrow(/AWS_API_TPS/);
  });
});
