/** The `step` of a statistics series: milliseconds per point, bounded so a window has at most MAX_POINTS. */
import type { TimeWindow } from "../model";
import { ApiError } from "./api-error";

const MAX_POINTS = 500;
const MIN_STEP_MS = 1_000;
/** Steps a default is chosen from: the smallest giving at most ~60 points. */
const NICE_STEPS_MS = [1, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1_800, 3_600].map((s) => s * 1000);

export function defaultStepMs(window: TimeWindow): number {
  const span = window.to - window.from;
  return NICE_STEPS_MS.find((s) => span / s <= 60) ?? NICE_STEPS_MS[NICE_STEPS_MS.length - 1];
}

export function parseStep(params: URLSearchParams, window: TimeWindow): number {
  const raw = params.get("step");
  if (raw === null || raw === "") return defaultStepMs(window);
  const step = Number(raw);
  const bad = (message: string) => new ApiError(400, "invalid_step", `step: ${message}`);
  if (!/^\d+(\.\d+)?$/.test(raw.trim()) || !Number.isFinite(step)) throw bad(`expected milliseconds, got "${raw.slice(0, 40)}"`);
  if (step < MIN_STEP_MS) throw bad(`must be at least ${MIN_STEP_MS} ms, got ${step}`);
  const points = Math.ceil((window.to - window.from) / step);
  if (points > MAX_POINTS) {
    throw bad(`${step} ms gives ${points} points over this window; at most ${MAX_POINTS} (step ≥ ${Math.ceil((window.to - window.from) / MAX_POINTS)} ms)`);
  }
  return step;
}
