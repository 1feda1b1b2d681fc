/**
 * The health ring of a service-map node: its requests split into OK / 4xx / 5xx / 429, drawn as
 * arc segments clockwise from 12 o'clock. Pure geometry: SVG path data centred on (0, 0).
 */
import type { ServiceStats, SpanStatus } from "../model";

/** Ring order, clockwise from the top. */
const RING_ORDER: readonly SpanStatus[] = ["ok", "error", "fault", "throttle"];

export type HealthCounts = Record<SpanStatus, number>;

export function healthCounts(stats: ServiceStats): HealthCounts {
  const error = Math.max(0, stats.errors);
  const fault = Math.max(0, stats.faults);
  const throttle = Math.max(0, stats.throttles);
  return { ok: Math.max(0, stats.requests - error - fault - throttle), error, fault, throttle };
}

/** The worst status among the requests (fault > throttle > error > ok): an edge's colour. */
export function worstStatusOf(stats: ServiceStats): SpanStatus {
  if (stats.faults > 0) return "fault";
  if (stats.throttles > 0) return "throttle";
  if (stats.errors > 0) return "error";
  return "ok";
}

export interface RingArc {
  status: SpanStatus;
  /** Share of the requests, 0–1 (the true share, before the minimum-angle adjustment). */
  share: number;
  /** Degrees clockwise from 12 o'clock. */
  startDeg: number;
  endDeg: number;
  /** SVG path data of the arc's centre line, to be stroked. */
  d: string;
}

export interface RingOptions {
  /** A non-zero failure share never draws thinner than this, so one 5xx in a thousand shows. */
  minDeg?: number;
  /** Blank space between adjacent segments. */
  gapDeg?: number;
}

const round = (n: number) => Math.round(n * 100) / 100;

function point(radius: number, deg: number): string {
  const rad = (deg * Math.PI) / 180;
  return `${round(radius * Math.sin(rad))} ${round(-radius * Math.cos(rad))}`;
}

function arcPath(radius: number, startDeg: number, endDeg: number): string {
  if (endDeg - startDeg >= 360) {
    // A single SVG arc cannot close on itself: two half circles.
    return `M ${point(radius, 0)} A ${radius} ${radius} 0 1 1 ${point(radius, 180)} A ${radius} ${radius} 0 1 1 ${point(radius, 360)}`;
  }
  const large = endDeg - startDeg > 180 ? 1 : 0;
  return `M ${point(radius, startDeg)} A ${radius} ${radius} 0 ${large} 1 ${point(radius, endDeg)}`;
}

interface Sweep {
  status: SpanStatus;
  deg: number;
}

/** Sweep angles per status: shares of 360°, with small failure shares raised to `minDeg`. */
function sweeps(counts: HealthCounts, total: number, minDeg: number): Sweep[] {
  const raw = RING_ORDER.filter((s) => counts[s] > 0).map((status) => ({ status, deg: (counts[status] / total) * 360 }));
  const isRaised = (w: Sweep) => w.status !== "ok" && w.deg < minDeg;
  const added = raw.filter(isRaised).reduce((sum, w) => sum + minDeg - w.deg, 0);
  const donorTotal = raw.filter((w) => !isRaised(w)).reduce((sum, w) => sum + w.deg, 0);
  if (raw.length < 2 || added === 0 || donorTotal <= added) return raw;
  return raw.map((w) => ({ status: w.status, deg: isRaised(w) ? minDeg : w.deg - (added * w.deg) / donorTotal }));
}

/** The ring's segments; empty when the node served no requests (drawn as a neutral ring). */
export function ringArcs(stats: ServiceStats, radius: number, options: RingOptions = {}): RingArc[] {
  const counts = healthCounts(stats);
  const total = RING_ORDER.reduce((sum, s) => sum + counts[s], 0);
  if (total === 0) return [];
  const minDeg = options.minDeg ?? 8;
  const segments = sweeps(counts, total, minDeg);
  const gap = segments.length > 1 ? (options.gapDeg ?? 3) : 0;
  const arcs: RingArc[] = [];
  let at = 0;
  for (const { status, deg } of segments) {
    const startDeg = at + gap / 2;
    const endDeg = Math.max(startDeg + 0.5, at + deg - gap / 2);
    arcs.push({ status, share: counts[status] / total, startDeg, endDeg, d: arcPath(radius, startDeg, endDeg) });
    at += deg;
  }
  return arcs;
}
