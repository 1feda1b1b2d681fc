import { describe, expect, it } from "vitest";
import { axisLabels, labelWidth } from "./axis-labels";
import { niceTicks } from "./time-axis";

/** Pixel extents of the drawn labels. */
function extents(from: number, to: number, widthPx: number) {
  return axisLabels(niceTicks(from, to, 8), from, to, widthPx).map((l) => {
    const x = (l.leftPercent / 100) * widthPx;
    const w = labelWidth(l.label);
    return { label: l.label, left: l.anchor === "end" ? x - w : x, right: l.anchor === "end" ? x : x + w };
  });
}

describe("axisLabels", () => {
  it("keeps the last labels of a 10.2 s trace apart on a narrow axis (they read '8 s 10 s')", () => {
    const drawn = extents(0, 10_200, 260);
    expect(drawn.at(-1)?.label).toBe("10 s");
    for (let i = 1; i < drawn.length; i++) expect(drawn[i].left, `${drawn[i - 1].label} / ${drawn[i].label}`).toBeGreaterThanOrEqual(drawn[i - 1].right);
  });

  it("draws every label where there is room", () => {
    expect(extents(0, 10_200, 1200).map((l) => l.label)).toEqual(["0 s", "2 s", "4 s", "6 s", "8 s", "10 s"]);
  });

  it("ends the labels near the right edge at their tick, inside the axis", () => {
    const labels = axisLabels(niceTicks(0, 10_000, 8), 0, 10_000, 800);
    expect(labels.at(-1)).toMatchObject({ label: "10 s", leftPercent: 100, anchor: "end" });
    expect(labels[0]).toMatchObject({ label: "0 s", anchor: "start" });
  });

  it("never runs past the right edge of a narrow axis (a 668 ms trace on a phone: '600 ms' at 90 %)", () => {
    for (const [to, width] of [
      [668, 230],
      [1.7, 150],
      [987, 333],
      [10_200, 90],
    ]) {
      for (const l of extents(0, to, width)) expect(l.right, `${l.label} of ${to} ms on ${width} px`).toBeLessThanOrEqual(width);
    }
  });

  it("never overlaps, whatever the range and width", () => {
    for (const [to, width] of [
      [1.7, 150],
      [987, 333],
      [61_000, 410],
      [10_200, 90],
      [3_723_000, 500],
    ]) {
      const drawn = extents(0, to, width);
      for (let i = 1; i < drawn.length; i++) expect(drawn[i].left).toBeGreaterThanOrEqual(drawn[i - 1].right);
    }
  });
});
