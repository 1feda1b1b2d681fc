/**
 * Per-span percentile band: each operation's (service + span name) p50 and p99 over the hour
 * before the trace, so a span slower than its operation usually is stands out. Nearest-rank
 * percentiles, as percentile.ts. A span is marked only when the band has enough spans behind it.
 */
import type { Span } from "../model";
import { percentileSorted } from "./percentile";

export interface OperationKey {
  service: string;
  name: string;
}

export interface OperationPercentiles extends OperationKey {
  count: number;
  p50Ms: number;
  p99Ms: number;
}

/** What `GET /api/traces/{id}/percentiles` answers. */
export interface OperationPercentilesResult {
  from: number;
  to: number;
  operations: OperationPercentiles[];
  /** Operations the source cannot tell, with why in `note`. */
  unknown: OperationKey[];
  note?: string;
}

/** Fewer spans than this behind a band and no span is marked against it: the p99 of 5 spans is their maximum. */
export const MIN_BAND_COUNT = 20;
export const BAND_WINDOW_MS = 3_600_000;
/** The most operations one request asks for. */
const MAX_OPERATION_KEYS = 500;

export const operationId = (k: OperationKey) => `${k.service}\u0000${k.name}`;

/** The distinct operations of the spans, in first-seen order, at most MAX_OPERATION_KEYS. */
export function operationKeys(spans: readonly Span[]): OperationKey[] {
  const seen = new Map<string, OperationKey>();
  for (const s of spans) {
    const k = { service: s.service, name: s.name };
    if (!seen.has(operationId(k))) seen.set(operationId(k), k);
    if (seen.size >= MAX_OPERATION_KEYS) break;
  }
  return [...seen.values()];
}

export function percentilesOf(key: OperationKey, durationsMs: readonly number[]): OperationPercentiles {
  const sorted = [...durationsMs].sort((a, b) => a - b);
  return { ...key, count: sorted.length, p50Ms: percentileSorted(sorted, 50), p99Ms: percentileSorted(sorted, 99) };
}

/** The band a span is measured against, when it has enough spans to mean something. */
export function bandOf(span: Span, bands: ReadonlyMap<string, OperationPercentiles>): OperationPercentiles | null {
  const band = bands.get(operationId(span));
  return band && band.count >= MIN_BAND_COUNT ? band : null;
}

export function isAboveP99(span: Span, bands: ReadonlyMap<string, OperationPercentiles>): boolean {
  const band = bandOf(span, bands);
  return band !== null && span.durationMs > band.p99Ms;
}
