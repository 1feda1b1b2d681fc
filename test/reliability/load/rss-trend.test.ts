import { describe, expect, it } from "vitest";
import { judgeRss, sampleAt, slope, type RssSample } from "./rss-trend";

const MB = 1024 * 1024;
const series = (f: (t: number) => number, seconds = 600, every = 10): RssSample[] =>
  Array.from({ length: seconds / every + 1 }, (_, i) => ({ t: i * every, bytes: f(i * every) * MB }));

describe("slope", () => {
  it("is the least-squares slope", () => {
    expect(slope(series((t) => 100 + 2 * t))).toBeCloseTo(2 * MB);
    expect(slope([{ t: 0, bytes: 5 }])).toBe(0);
  });
});

describe("judgeRss", () => {
  it("passes memory that warms up and then holds, GC saw-tooth included", () => {
    const v = judgeRss(series((t) => 150 + 100 * (1 - Math.exp(-t / 60)) + (t % 30 === 0 ? 8 : 0)));
    expect(v.levelsOff).toBe(true);
    expect(v.maxBytes).toBeGreaterThan(240 * MB);
  });

  it("fails a steady leak", () => {
    // From 200 MB, +8 MB a minute grows ~27 MB in the last 3.3 minutes: over 10 % of the first
    // third's ~213 MB. +3 MB a minute grows ~10 MB there: under it.
    expect(judgeRss(series((t) => 200 + (8 * t) / 60)).levelsOff).toBe(false);
    expect(judgeRss(series((t) => 200 + (3 * t) / 60)).levelsOff).toBe(true);
    expect(judgeRss(series((t) => 200 + (8 * t) / 60)).lastHalfSlopePerMin).toBeCloseTo(8 * MB);
  });

  it("refuses to judge from too few samples", () => {
    expect(judgeRss(series(() => 100, 40)).levelsOff).toBe(false);
  });

  it("finds the nearest sample", () => {
    expect(
      sampleAt(
        series((t) => t),
        61,
      )?.t,
    ).toBe(60);
  });
});
