/**
 * Client-side rate limits for AWS API calls: one token bucket per operation, shared by every
 * request of the process, so that many open pages make Sightline's calls slower, never throttled.
 *
 * AWS throttles per account and Region, per operation. CloudWatch Logs documents its quotas in
 * "CloudWatch Logs quotas" (cloudwatch_limits_cwl): DescribeLogGroups 5 TPS; StartQuery,
 * GetQueryResults and StopQuery are listed in the Service Quotas console (5 TPS by default as
 * commonly cited, and adjustable). X-Ray's read APIs (GetTraceSummaries, BatchGetTraces,
 * GetServiceGraph, GetTimeSeriesServiceStatistics…) have no per-operation figure in "AWS X-Ray
 * endpoints and quotas" (it lists segment and trace limits): Sightline assumes the same 5 TPS.
 * Sightline sends at most 4 calls a second per operation (80 % of 5 TPS) and none at once (a
 * burst of one): however AWS counts its second (a sliding window is the strictest reading), the
 * calls stay under the quota with room for network jitter and for the account's other clients.
 * Several replicas share one account's quota: give each its share with AWS_API_TPS.
 *
 * The SDK's own retries still answer a throttle that comes anyway (another client of the
 * account, a lower quota): a bucket keeps Sightline from being the cause.
 */

/** Calls per second per operation, when AWS_API_TPS does not say: 80 % of the 5 TPS quota. */
export const DEFAULT_API_TPS = 4;

export class TokenBucket {
  private tokens: number;
  private last: number;
  private readonly queue: (() => void)[] = [];
  private timer: NodeJS.Timeout | null = null;

  /**
   * `ratePerSecond` tokens a second, at most `burst` kept: a quiet process lets its first
   * `burst` calls through at once (one by default: every call spaced by 1/rate).
   */
  constructor(
    readonly ratePerSecond: number,
    readonly burst: number = 1,
    private readonly now: () => number = () => performance.now(),
  ) {
    if (!(ratePerSecond > 0)) throw new RangeError(`a token bucket needs a positive rate, not ${ratePerSecond}`);
    this.tokens = this.burst;
    this.last = this.now();
  }

  /** Resolves when the call may go: at once when a token is free, else in arrival order. */
  take(): Promise<void> {
    this.refill();
    if (this.queue.length === 0 && this.tokens >= 1) {
      this.tokens -= 1;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      this.queue.push(resolve);
      this.schedule();
    });
  }

  /** Calls waiting for a token. */
  get waiting(): number {
    return this.queue.length;
  }

  private refill(): void {
    const now = this.now();
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) / 1000) * this.ratePerSecond);
    this.last = now;
  }

  private schedule(): void {
    if (this.timer) return;
    const wait = Math.max(0, ((1 - this.tokens) / this.ratePerSecond) * 1000);
    this.timer = setTimeout(() => {
      this.timer = null;
      this.refill();
      while (this.queue.length > 0 && this.tokens >= 1) {
        this.tokens -= 1;
        this.queue.shift()?.();
      }
      if (this.queue.length > 0) this.schedule();
    }, Math.ceil(wait));
    // Not unref'd: the timer exists only while calls wait, and they are work to finish (the
    // StopQuery calls of a graceful shutdown among them: an unref'd timer let the process exit
    // with them still waiting).
  }
}

/** Buckets by `service.operation`, created on first use. */
export class OperationRateLimits {
  private readonly buckets = new Map<string, TokenBucket>();

  constructor(
    private readonly ratePerSecond: number,
    private readonly now?: () => number,
  ) {}

  bucket(service: string, operation: string): TokenBucket {
    const key = `${service}.${operation}`;
    let bucket = this.buckets.get(key);
    if (!bucket) {
      bucket = new TokenBucket(this.ratePerSecond, undefined, this.now);
      this.buckets.set(key, bucket);
    }
    return bucket;
  }
}

/**
 * AWS_API_TPS: calls per second per operation (a positive number), `off` for no limit; unset:
 * DEFAULT_API_TPS. Anything else is a start-up error naming the variable.
 */
export function parseApiTps(value: string | undefined): number | null {
  if (value === undefined || value.trim() === "") return DEFAULT_API_TPS;
  if (value.trim().toLowerCase() === "off") return null;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`AWS_API_TPS must be a positive number of calls per second, or "off"; got "${value}".`);
  return n;
}

const GLOBAL_KEY = Symbol.for("sightline.aws-rate-limits");

/**
 * The process's limits (one set, whichever bundle asks: Next.js may load this module more than
 * once), from AWS_API_TPS at first use; null: no limit.
 */
export function processRateLimits(env: Record<string, string | undefined> = process.env): OperationRateLimits | null {
  const holder = globalThis as { [GLOBAL_KEY]?: OperationRateLimits | null };
  if (!(GLOBAL_KEY in holder)) {
    const tps = parseApiTps(env.AWS_API_TPS);
    holder[GLOBAL_KEY] = tps === null ? null : new OperationRateLimits(tps);
  }
  return holder[GLOBAL_KEY] ?? null;
}
