/**
 * Many users, one incident: identical concurrent requests share one upstream call, and finished
 * results are kept for as long as they can still be right.
 *
 * - TtlCache: values kept for a time to live each (Infinity: until evicted), bounded by count,
 *   evicting the least recently used.
 * - Coalescer: the first caller of a key starts the load; every caller of the same key until it
 *   settles gets the same promise. The value is then cached for `ttlMs(value)` (0: not kept).
 *   A failed load is not kept: the next caller tries again.
 */
import { metrics } from "../../metrics/metrics";

interface Cached<T> {
  value: T;
  expiresAt: number;
}

export class TtlCache<T> {
  /** Map order is recency: a hit moves its entry to the end. */
  private readonly entries = new Map<string, Cached<T>>();

  constructor(
    private readonly maxEntries: number,
    private readonly now: () => number = Date.now,
  ) {
    if (!Number.isInteger(maxEntries) || maxEntries < 0) throw new RangeError("maxEntries must be a whole number");
  }

  get(key: string): T | undefined {
    const cached = this.entries.get(key);
    if (!cached) return undefined;
    this.entries.delete(key);
    if (cached.expiresAt <= this.now()) return undefined;
    this.entries.set(key, cached);
    return cached.value;
  }

  set(key: string, value: T, ttlMs: number): void {
    this.entries.delete(key);
    if (!(ttlMs > 0) || this.maxEntries === 0) return;
    this.entries.set(key, { value, expiresAt: this.now() + ttlMs });
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
  }
}

/** An answer in /metrics: from a new upstream call, a call already in flight, or the cache. */
export function countAnswer(kind: string, outcome: "upstream" | "coalesced" | "cached"): void {
  metrics().answers.inc({ kind, outcome });
}

export interface CoalescerOptions<T> {
  /** The kind of answer, for /metrics (`traces`, `trace-summaries`, …). */
  kind?: string;
  /** How long a finished value stays valid, from the moment it was loaded. */
  ttlMs: (value: T, now: number) => number;
  /** Finished values kept at most; the least recently used goes first. */
  maxEntries: number;
  now?: () => number;
}

export class Coalescer<T> {
  private readonly inFlight = new Map<string, Promise<T>>();
  private readonly cache: TtlCache<T>;
  private readonly now: () => number;

  constructor(private readonly options: CoalescerOptions<T>) {
    this.now = options.now ?? Date.now;
    this.cache = new TtlCache<T>(options.maxEntries, this.now);
  }

  /** The cached value, the in-flight load, or a new load of `key`. */
  get(key: string, load: () => Promise<T>): Promise<T> {
    const kind = this.options.kind ?? "other";
    const cached = this.cache.get(key);
    if (cached !== undefined) {
      countAnswer(kind, "cached");
      return Promise.resolve(cached);
    }
    const pending = this.inFlight.get(key);
    if (pending) {
      countAnswer(kind, "coalesced");
      return pending;
    }
    countAnswer(kind, "upstream");
    const started = (async () => {
      try {
        const value = await load();
        this.cache.set(key, value, this.options.ttlMs(value, this.now()));
        return value;
      } finally {
        this.inFlight.delete(key);
      }
    })();
    this.inFlight.set(key, started);
    return started;
  }
}

/** A trace (or a logs result) whose end is older than this no longer changes. */
export const IMMUTABLE_AFTER_MS = 30 * 60_000;
/** A fresh result is re-fetched after this: segments and logs still arrive. */
export const FRESH_TTL_MS = 10_000;

/** Infinity for something that ended more than 30 minutes ago, else the fresh TTL. */
export function ttlForEnd(endMs: number | null, now: number, freshTtlMs = FRESH_TTL_MS): number {
  return endMs !== null && now - endMs > IMMUTABLE_AFTER_MS ? Infinity : freshTtlMs;
}
