/**
 * Where the Gantt axis draws its tick labels, and which it leaves out so that none overlap: a
 * label starts at its tick, except near the right edge (or where it would run past it), where it
 * ends at it (and so grows towards the previous label: "8 s" and "10 s" used to touch). Widths are estimated from the text, at the
 * axis' 10 px font.
 */
import type { Tick } from "./time-axis";

export interface AxisLabel extends Tick {
  /** Position of the tick, 0–100 % of the axis. */
  leftPercent: number;
  /** "start": the label begins at the tick; "end": it ends there (the last labels on the right). */
  anchor: "start" | "end";
}

/** Estimated width in px of a label at 10 px (digits and units ≈ 6 px each, plus padding). */
export const labelWidth = (label: string) => label.length * 6 + 8;
/** Space kept between two labels, px. */
const GAP = 6;
/** A label past this share of the axis ends at its tick, so it stays inside the axis. */
const END_ANCHOR_FROM = 0.9;

/** The labels to draw, left to right, none overlapping; `widthPx` is the axis' width. */
export function axisLabels(ticks: readonly Tick[], from: number, to: number, widthPx: number): AxisLabel[] {
  const span = to - from;
  if (!(span > 0) || !(widthPx > 0)) return [];
  const placed = ticks.map((t) => {
    const fraction = (t.value - from) / span;
    const x = fraction * widthPx;
    const w = labelWidth(t.label);
    // Near the right edge, or wherever it would run past it (a narrow axis: a phone's Gantt).
    const anchor: AxisLabel["anchor"] = fraction > END_ANCHOR_FROM || x + w > widthPx ? "end" : "start";
    return { tick: t, fraction, left: anchor === "end" ? x - w : x, right: anchor === "end" ? x : x + w, anchor };
  });
  // The last label (the trace's far end) matters more than the one before it: keep it, drop others.
  const keep = new Array<boolean>(placed.length).fill(false);
  let limit = Infinity;
  const lastIndex = placed.length - 1;
  if (lastIndex >= 0) {
    keep[lastIndex] = true;
    limit = placed[lastIndex].left;
  }
  for (let i = lastIndex - 1; i >= 0; i--) {
    if (placed[i].right + GAP <= limit) {
      keep[i] = true;
      limit = placed[i].left;
    }
  }
  return placed.filter((_, i) => keep[i]).map(({ tick, fraction, anchor }) => ({ ...tick, leftPercent: fraction * 100, anchor }));
}
