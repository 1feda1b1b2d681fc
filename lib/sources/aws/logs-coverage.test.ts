import { describe, expect, it } from "vitest";
import { LogsCoverage, uncovered } from "./logs-coverage";

const w = (startTime: number, endTime: number) => ({ startTime, endTime });

describe("uncovered", () => {
  it("is the whole window when nothing covers it", () => {
    expect(uncovered([], w(10, 20))).toEqual([w(10, 20)]);
    expect(uncovered([w(0, 9), w(21, 30)], w(10, 20))).toEqual([w(10, 20)]);
  });

  it("cuts out what is covered, ends inclusive", () => {
    expect(uncovered([w(10, 15)], w(10, 20))).toEqual([w(16, 20)]);
    expect(uncovered([w(12, 15)], w(10, 20))).toEqual([w(10, 11), w(16, 20)]);
    expect(uncovered([w(5, 12), w(18, 25)], w(10, 20))).toEqual([w(13, 17)]);
    expect(uncovered([w(0, 100)], w(10, 20))).toEqual([]);
  });
});

describe("LogsCoverage.plan", () => {
  it("queries every group once over a new window, in chunks", () => {
    const c = new LogsCoverage();
    expect(c.plan(["a", "b", "c", "a"], w(100, 200), 2)).toEqual([
      { groups: ["a", "b"], window: w(100, 200) },
      { groups: ["c"], window: w(100, 200) },
    ]);
    expect(c.plan(["a", "b", "c"], w(100, 200), 2)).toEqual([]);
  });

  it("adds only the missing part of a wider window, and the whole window for new groups", () => {
    const c = new LogsCoverage();
    c.plan(["a", "b"], w(100, 200), 50);
    expect(c.plan(["a", "b", "lambda"], w(90, 210), 50)).toEqual([
      { groups: ["a", "b"], window: w(90, 99) },
      { groups: ["a", "b"], window: w(201, 210) },
      { groups: ["lambda"], window: w(90, 210) },
    ]);
    expect(c.plan(["lambda"], w(95, 205), 50)).toEqual([]);
  });
});
