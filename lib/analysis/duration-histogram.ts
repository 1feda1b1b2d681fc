/**
 * A latency histogram over nice buckets. Logarithmic by default: edges on the 1-2-5 sequence
 * (… 10, 20, 50, 100 ms …), so a bucket reads as a round range and latencies spanning decades stay
 * visible. When the results fit in so few of those that the chart would say little (and a drag
 * could not narrow anything), linear buckets of a 1-2-5 width over the results' own range instead.
 */
import type { SpanStatus } from "../model";

export interface DurationBucket {
  /** Inclusive lower edge, milliseconds. */
  fromMs: number;
  /** Exclusive upper edge, milliseconds. */
  toMs: number;
  count: number;
  /** Traces whose status is not ok. */
  failed: number;
}

const STEPS = [1, 2, 5];
/** The smallest edge: 1 µs. Shorter durations (0 included) fall in the first bucket. */
const FLOOR_MS = 0.001;
/** Fewer logarithmic buckets than this switch to linear ones. */
const MIN_LOG_BUCKETS = 6;
/** About how many linear buckets to aim for. */
const LINEAR_BUCKETS = 10;

/** Rounded so that float noise (0.1 * 3) never shows in an edge. */
const clean = (n: number) => Number(n.toPrecision(12));

/** The n-th edge of the 1-2-5 sequence, n = 0 at 1 ms. */
function edge(n: number): number {
  const decade = Math.floor(n / STEPS.length);
  return clean(STEPS[n - decade * STEPS.length] * 10 ** decade);
}

/** The largest n with edge(n) ≤ ms. */
function indexAtOrBelow(ms: number): number {
  let n = Math.floor(Math.log10(ms)) * STEPS.length;
  while (edge(n + 1) <= ms) n += 1;
  while (edge(n) > ms) n -= 1;
  return n;
}

function logEdges(min: number, max: number): number[] {
  const edges: number[] = [];
  for (let n = indexAtOrBelow(min); n <= indexAtOrBelow(max) + 1; n++) edges.push(edge(n));
  return edges;
}

function linearEdges(min: number, max: number): number[] {
  // One distinct value: buckets a tenth of it wide.
  const spread = max > min ? max - min : min;
  const step = edge(indexAtOrBelow(Math.max(FLOOR_MS, spread / LINEAR_BUCKETS)));
  const edges: number[] = [];
  for (let i = Math.floor(min / step); i <= Math.floor(max / step) + 1; i++) edges.push(clean(i * step));
  return edges;
}

export function durationHistogram(traces: readonly { durationMs: number; status: SpanStatus }[]): DurationBucket[] {
  const finite = traces.filter((t) => Number.isFinite(t.durationMs));
  if (finite.length === 0) return [];
  const durations = finite.map((t) => Math.max(FLOOR_MS, t.durationMs));
  const min = Math.min(...durations);
  const max = Math.max(...durations);
  let edges = logEdges(min, max);
  if (edges.length - 1 < MIN_LOG_BUCKETS) edges = linearEdges(min, max);
  const buckets = edges.slice(0, -1).map((fromMs, i) => ({ fromMs, toMs: edges[i + 1], count: 0, failed: 0 }));
  finite.forEach((t, i) => {
    // The last bucket whose lower edge is at or below the duration.
    let b = buckets.length - 1;
    while (b > 0 && buckets[b].fromMs > durations[i]) b -= 1;
    buckets[b].count += 1;
    if (t.status !== "ok") buckets[b].failed += 1;
  });
  return buckets;
}

/** The duration range covered by buckets i..j (either order): [fromMs of the lower, toMs of the upper). */
export function bucketRange(buckets: readonly DurationBucket[], i: number, j: number): { minMs: number; maxMs: number } | null {
  const lo = buckets[Math.min(i, j)];
  const hi = buckets[Math.max(i, j)];
  return lo && hi ? { minMs: lo.fromMs, maxMs: hi.toMs } : null;
}

/** A bucket edge as a short label: `200 µs`, `5 ms`, `2 s` (edges are round, so no decimals are needed). */
export function formatEdge(ms: number): string {
  const trim = (n: number) => String(Number(n.toPrecision(6)));
  if (ms < 1) return `${trim(ms * 1000)} µs`;
  if (ms < 1000) return `${trim(ms)} ms`;
  return `${trim(ms / 1000)} s`;
}
