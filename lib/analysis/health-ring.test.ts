import { describe, expect, it } from "vitest";
import type { ServiceStats } from "../model";
import { healthCounts, ringArcs, worstStatusOf } from "./health-ring";

const stats = (requests: number, errors = 0, faults = 0, throttles = 0): ServiceStats => ({
  requests,
  errors,
  faults,
  throttles,
  avgMs: 10,
  p99Ms: 20,
});

const sweep = (a: { startDeg: number; endDeg: number }) => a.endDeg - a.startDeg;

describe("healthCounts", () => {
  it("splits requests into ok / 4xx / 5xx / 429", () => {
    expect(healthCounts(stats(10, 2, 3, 1))).toEqual({ ok: 4, error: 2, fault: 3, throttle: 1 });
  });
  it("never counts negative OK requests", () => {
    expect(healthCounts(stats(1, 1, 1, 0)).ok).toBe(0);
  });
});

describe("worstStatusOf", () => {
  it("ranks fault over throttle over error over ok", () => {
    expect(worstStatusOf(stats(9, 1, 1, 1))).toBe("fault");
    expect(worstStatusOf(stats(9, 1, 0, 1))).toBe("throttle");
    expect(worstStatusOf(stats(9, 1, 0, 0))).toBe("error");
    expect(worstStatusOf(stats(9))).toBe("ok");
  });
});

describe("ringArcs", () => {
  it("has no segments when the node served nothing", () => {
    expect(ringArcs(stats(0), 20)).toEqual([]);
  });

  it("draws one closed ring for a single status", () => {
    const arcs = ringArcs(stats(5, 0, 5), 20);
    expect(arcs).toHaveLength(1);
    expect(arcs[0]).toMatchObject({ status: "fault", share: 1, startDeg: 0, endDeg: 360 });
    // Two half-circle arcs: from the top, through the bottom, back to the top.
    expect(arcs[0].d).toBe("M 0 -20 A 20 20 0 1 1 0 20 A 20 20 0 1 1 0 -20");
  });

  it("splits the circle by share, clockwise from the top in ok / 4xx / 5xx / 429 order, with gaps", () => {
    const arcs = ringArcs(stats(4, 0, 2, 0), 10, { gapDeg: 2 });
    expect(arcs.map((a) => a.status)).toEqual(["ok", "fault"]);
    expect(arcs[0]).toMatchObject({ startDeg: 1, endDeg: 179, share: 0.5 });
    expect(arcs[1]).toMatchObject({ startDeg: 181, endDeg: 359, share: 0.5 });
    expect(arcs[0].d).toBe("M 0.17 -10 A 10 10 0 0 1 0.17 10");
  });

  it("uses the large-arc flag for segments over half the circle", () => {
    const [ok] = ringArcs(stats(4, 1), 10);
    expect(ok.d).toContain(" 0 1 1 ");
  });

  it("keeps a tiny failure share visible, taking the angle from the others", () => {
    const arcs = ringArcs(stats(1000, 0, 1, 0), 20, { minDeg: 10, gapDeg: 0 });
    const fault = arcs.find((a) => a.status === "fault")!;
    expect(sweep(fault)).toBeCloseTo(10);
    expect(fault.share).toBeCloseTo(0.001);
    expect(sweep(arcs[0]) + sweep(fault)).toBeCloseTo(360);
  });
});
