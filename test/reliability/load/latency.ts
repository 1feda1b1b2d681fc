/** Per-route request outcomes under load: counts, errors (first examples) and latency percentiles. */
import { fetchRetryingReset } from "./fetch-retry";

export interface RouteStats {
  route: string;
  requests: number;
  errors: number;
  p50Ms: number;
  p99Ms: number;
}

/** The q-quantile (0..1) of `sorted` (ascending), nearest rank; NaN when empty. */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[rank];
}

export class LatencyRecorder {
  private readonly samples = new Map<string, number[]>();
  private readonly errorCounts = new Map<string, number>();
  /** The first few errors, "route: what happened". */
  readonly errorExamples: string[] = [];

  record(route: string, ms: number): void {
    let list = this.samples.get(route);
    if (!list) this.samples.set(route, (list = []));
    list.push(ms);
  }

  error(route: string, what: string): void {
    this.errorCounts.set(route, (this.errorCounts.get(route) ?? 0) + 1);
    if (this.errorExamples.length < 5) this.errorExamples.push(`${route}: ${what}`);
  }

  get requests(): number {
    let n = 0;
    for (const l of this.samples.values()) n += l.length;
    return n + this.errors;
  }

  get errors(): number {
    let n = 0;
    for (const e of this.errorCounts.values()) n += e;
    return n;
  }

  routes(): RouteStats[] {
    const names = new Set([...this.samples.keys(), ...this.errorCounts.keys()]);
    return [...names].map((route) => {
      const sorted = [...(this.samples.get(route) ?? [])].sort((a, b) => a - b);
      const errors = this.errorCounts.get(route) ?? 0;
      return { route, requests: sorted.length + errors, errors, p50Ms: quantile(sorted, 0.5), p99Ms: quantile(sorted, 0.99) };
    });
  }
}

/**
 * GET (or any request) timed into `recorder` under `route`; a network error or a status other
 * than `expect` (default 200) counts as an error. A connection reset before any answer is retried
 * once (fetch-retry.ts), the retry inside the time. Returns the body parsed as JSON, or null.
 */
export async function timedJson<T>(recorder: LatencyRecorder, route: string, url: string, init?: RequestInit, expect = 200): Promise<T | null> {
  const t0 = performance.now();
  try {
    const res = await fetchRetryingReset(url, init);
    const text = await res.text();
    const ms = performance.now() - t0;
    if (res.status !== expect) {
      recorder.error(route, `${res.status} ${text.slice(0, 160)}`);
      return null;
    }
    recorder.record(route, ms);
    return (text ? JSON.parse(text) : null) as T;
  } catch (err) {
    recorder.error(route, err instanceof Error ? `${err.name}: ${err.message}${err.cause ? ` (${String(err.cause)})` : ""}` : String(err));
    return null;
  }
}

export const ms = (n: number) => (Number.isFinite(n) ? `${n < 10 ? n.toFixed(1) : Math.round(n)} ms` : "n/a");
