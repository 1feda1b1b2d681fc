/**
 * The traffic mix and the incident's shape in time.
 *
 * Outside the incident the shop is mostly healthy (~85 %). About 20 minutes ago the payments
 * provider degrades and the order-history query starts scanning: for ~10 minutes (with 2.5 minute
 * ramps either side) slow requests, payment timeouts and throttling dominate, then everything
 * recovers. Over the hour that averages to ~70 % healthy, ~12 % slow, ~8 % faults, ~5 % throttled
 * and ~5 % client errors.
 */
import type { Random } from "./random";
import type { Category } from "./span-plan";

const MINUTE = 60_000;

export const INCIDENT = {
  /** How long before `now` the incident is at its worst. */
  centreAgoMs: 20 * MINUTE,
  /** Full-intensity part. */
  plateauMs: 10 * MINUTE,
  /** Ramp up before and down after the plateau. */
  rampMs: 2.5 * MINUTE,
};

type Rates = Record<Exclude<Category, "healthy">, number>;

const BASELINE: Rates = { slow: 0.06, fault: 0.02, throttle: 0.02, "client-error": 0.05 };
const PEAK: Rates = { slow: 0.35, fault: 0.31, throttle: 0.16, "client-error": 0.05 };

/** 0 outside the incident, 1 at its plateau, linear on the ramps. */
export function incidentIntensity(time: number, now: number): number {
  const fromCentre = Math.abs(time - (now - INCIDENT.centreAgoMs));
  const plateauEdge = INCIDENT.plateauMs / 2;
  if (fromCentre <= plateauEdge) return 1;
  return Math.max(0, 1 - (fromCentre - plateauEdge) / INCIDENT.rampMs);
}

/** The probability of each non-healthy category at this intensity; healthy is the rest. */
function categoryRates(intensity: number): Rates {
  const rate = (c: keyof Rates) => BASELINE[c] + intensity * (PEAK[c] - BASELINE[c]);
  return { slow: rate("slow"), fault: rate("fault"), throttle: rate("throttle"), "client-error": rate("client-error") };
}

export function pickCategory(random: Random, intensity: number): Category {
  let roll = random.next();
  for (const [category, p] of Object.entries(categoryRates(intensity)) as [Category, number][]) {
    if (roll < p) return category;
    roll -= p;
  }
  return "healthy";
}
