/**
 * "Compare with a typical trace": among the traces of the same root service and operation, the
 * one whose duration is closest to their median. The median is the nearest-rank 50th percentile;
 * on a tie in distance the earlier trace wins, so the pick is stable.
 */
import type { TraceSummary } from "../model";
import { percentileSorted } from "./percentile";

export interface TypicalPick {
  trace: TraceSummary;
  medianMs: number;
  /** How many traces of that root operation the median was taken over. */
  sampleSize: number;
}

export function pickTypical(candidates: readonly TraceSummary[], rootService: string, rootName: string, excludeTraceId: string): TypicalPick | null {
  const same = candidates.filter((t) => t.rootService === rootService && t.rootName === rootName && t.traceId !== excludeTraceId);
  if (same.length === 0) return null;
  const medianMs = percentileSorted(
    same.map((t) => t.durationMs).sort((x, y) => x - y),
    50,
  );
  let best = same[0];
  for (const t of same) {
    const d = Math.abs(t.durationMs - medianMs) - Math.abs(best.durationMs - medianMs);
    if (d < 0 || (d === 0 && t.startTime < best.startTime)) best = t;
  }
  return { trace: best, medianMs, sampleSize: same.length };
}
