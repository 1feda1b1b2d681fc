import { describe, expect, it } from "vitest";
import { niceTicks } from "./time-axis";

const labels = (from: number, to: number, max: number) => niceTicks(from, to, max).map((t) => t.label);
const values = (from: number, to: number, max: number) => niceTicks(from, to, max).map((t) => t.value);

describe("niceTicks", () => {
  it("labels milliseconds and switches to seconds at one second", () => {
    expect(niceTicks(0, 1000, 5)).toEqual([
      { value: 0, label: "0 ms" },
      { value: 250, label: "250 ms" },
      { value: 500, label: "500 ms" },
      { value: 750, label: "750 ms" },
      { value: 1000, label: "1 s" },
    ]);
    expect(labels(0, 3000, 7)).toEqual(["0 ms", "500 ms", "1 s", "1.5 s", "2 s", "2.5 s", "3 s"]);
  });

  it("labels sub-millisecond ticks in microseconds with exact decimal values", () => {
    expect(niceTicks(0, 1, 6)).toEqual([
      { value: 0, label: "0 µs" },
      { value: 0.2, label: "200 µs" },
      { value: 0.4, label: "400 µs" },
      { value: 0.6, label: "600 µs" },
      { value: 0.8, label: "800 µs" },
      { value: 1, label: "1 ms" },
    ]);
    expect(labels(0, 1, 5)).toEqual(["0 µs", "250 µs", "500 µs", "750 µs", "1 ms"]);
    expect(labels(0, 1.5, 7)).toEqual(["0 µs", "250 µs", "500 µs", "750 µs", "1 ms", "1.25 ms", "1.5 ms"]);
    expect(labels(0, 0.01, 3)).toEqual(["0 µs", "5 µs", "10 µs"]);
  });

  it("uses clock steps for minutes and hours", () => {
    expect(labels(0, 120_000, 5)).toEqual(["0 s", "30 s", "1 min", "1 min 30 s", "2 min"]);
    expect(labels(0, 10_800_000, 4)).toEqual(["0 h", "1 h", "2 h", "3 h"]);
    expect(labels(0, 5_400_000, 4)).toEqual(["0 min", "30 min", "1 h", "1 h 30 min"]);
  });

  it("starts at the first round value inside a zoomed range", () => {
    expect(values(130, 870, 5)).toEqual([200, 400, 600, 800]);
    expect(labels(61_000, 62_000, 3)).toEqual(["1 min 1 s", "1 min 1.5 s", "1 min 2 s"]);
    expect(labels(-500, 500, 3)).toEqual(["-500 ms", "0 ms", "500 ms"]);
  });

  it("never exceeds maxTicks, stays in range and steps evenly", () => {
    let seed = 42;
    const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
    for (let k = 0; k < 500; k++) {
      const from = random() * 10 ** (random() * 8 - 3);
      const to = from + random() * 10 ** (random() * 9 - 4);
      const max = 1 + Math.floor(random() * 12);
      const ticks = niceTicks(from, to, max);
      expect(ticks.length).toBeLessThanOrEqual(max);
      if (max >= 4) expect(ticks.length).toBeGreaterThan(0);
      for (const t of ticks) {
        expect(t.value).toBeGreaterThanOrEqual(from - 1e-9 * Math.abs(from));
        expect(t.value).toBeLessThanOrEqual(to + 1e-9 * Math.abs(to));
      }
      const steps = ticks.slice(1).map((t, i) => t.value - ticks[i].value);
      for (const s of steps) expect(s).toBeCloseTo(steps[0], 6);
      expect(new Set(ticks.map((t) => t.label)).size).toBe(ticks.length);
    }
  });

  it("is empty for an empty or invalid range", () => {
    expect(niceTicks(5, 5, 5)).toEqual([]);
    expect(niceTicks(10, 5, 5)).toEqual([]);
    expect(niceTicks(0, Number.NaN, 5)).toEqual([]);
    expect(niceTicks(0, 100, 0)).toEqual([]);
    expect(niceTicks(0, 1000, 1)).toEqual([{ value: 0, label: "0 s" }]);
  });
});
