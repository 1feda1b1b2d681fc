import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { Coalescer, FRESH_TTL_MS, IMMUTABLE_AFTER_MS, TtlCache, ttlForEnd } from "./coalesce";

beforeEach(() => {
  vi.useFakeTimers({ now: 1_800_000_000_000 });
});

afterEach(() => {
  vi.useRealTimers();
});

/** A load that resolves after `ms` (fake time), counting its calls. */
function slowLoad<T>(value: T, ms = 100) {
  const load = vi.fn(() => new Promise<T>((resolve) => setTimeout(() => resolve(value), ms)));
  return load;
}

describe("Coalescer", () => {
  it("shares one load among concurrent callers of the same key", async () => {
    const c = new Coalescer<string>({ ttlMs: () => 0, maxEntries: 10 });
    const load = slowLoad("trace");
    const pending = Array.from({ length: 50 }, () => c.get("k", load));
    await vi.advanceTimersByTimeAsync(100);
    expect(await Promise.all(pending)).toEqual(Array(50).fill("trace"));
    expect(load).toHaveBeenCalledTimes(1);
  });

  it("loads different keys separately", async () => {
    const c = new Coalescer<string>({ ttlMs: () => 0, maxEntries: 10 });
    const a = slowLoad("a");
    const b = slowLoad("b");
    const both = Promise.all([c.get("a", a), c.get("b", b)]);
    await vi.advanceTimersByTimeAsync(100);
    expect(await both).toEqual(["a", "b"]);
  });

  it("keeps a value for its TTL, then loads again", async () => {
    const c = new Coalescer<string>({ ttlMs: () => FRESH_TTL_MS, maxEntries: 10 });
    const load = slowLoad("v", 10);
    const first = c.get("k", load);
    await vi.advanceTimersByTimeAsync(10);
    await first;
    await vi.advanceTimersByTimeAsync(FRESH_TTL_MS - 1);
    await c.get("k", load);
    expect(load).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1);
    const again = c.get("k", load);
    await vi.advanceTimersByTimeAsync(10);
    await again;
    expect(load).toHaveBeenCalledTimes(2);
  });

  it("does not keep a failure: the next caller tries again", async () => {
    const c = new Coalescer<string>({ ttlMs: () => Infinity, maxEntries: 10 });
    const failing = vi.fn(() => Promise.reject(new Error("throttled")));
    const waiting = [c.get("k", failing), c.get("k", failing)];
    await expect(Promise.all(waiting)).rejects.toThrow("throttled");
    expect(failing).toHaveBeenCalledTimes(1);
    expect(await c.get("k", () => Promise.resolve("ok"))).toBe("ok");
  });

  it("keeps at most maxEntries values, evicting the least recently used", async () => {
    const c = new Coalescer<string>({ ttlMs: () => Infinity, maxEntries: 2 });
    await c.get("a", () => Promise.resolve("a"));
    await c.get("b", () => Promise.resolve("b"));
    await c.get("a", () => Promise.resolve("reloaded"));
    await c.get("c", () => Promise.resolve("c"));
    expect(await c.get("a", () => Promise.resolve("reloaded"))).toBe("a");
    expect(await c.get("b", () => Promise.resolve("reloaded"))).toBe("reloaded");
  });
});

describe("TtlCache", () => {
  it("does not keep a value with a TTL of 0", () => {
    const cache = new TtlCache<number>(5);
    cache.set("k", 1, 0);
    expect(cache.get("k")).toBeUndefined();
  });

  it("keeps a value with an infinite TTL until it is evicted", () => {
    const cache = new TtlCache<number>(1);
    cache.set("k", 1, Infinity);
    vi.advanceTimersByTime(365 * 86_400_000);
    expect(cache.get("k")).toBe(1);
    cache.set("other", 2, Infinity);
    expect(cache.get("k")).toBeUndefined();
  });

  it("replaces a value set again, and forgets it when set again with a TTL of 0", () => {
    const cache = new TtlCache<number>(5);
    cache.set("k", 1, 1000);
    cache.set("k", 2, 1000);
    expect(cache.get("k")).toBe(2);
    cache.set("k", 3, 0);
    expect(cache.get("k")).toBeUndefined();
  });
});

describe("ttlForEnd", () => {
  const now = Date.now();
  it("keeps what ended more than 30 minutes ago for good, and the rest briefly", () => {
    expect(ttlForEnd(now - IMMUTABLE_AFTER_MS - 1, now)).toBe(Infinity);
    expect(ttlForEnd(now - IMMUTABLE_AFTER_MS, now)).toBe(FRESH_TTL_MS);
    expect(ttlForEnd(now - 1000, now)).toBe(FRESH_TTL_MS);
    expect(ttlForEnd(null, now)).toBe(FRESH_TTL_MS);
  });
});
