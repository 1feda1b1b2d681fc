import { describe, expect, it } from "vitest";
import { ApiError } from "./api-error";
import { defaultStepMs, parseStep } from "./step-param";

const hour = { from: 0, to: 3_600_000 };
const q = (s: string) => new URLSearchParams(s);

function message(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (e instanceof ApiError && e.code === "invalid_step") return e.message;
    throw e;
  }
  throw new Error("expected a rejection");
}

describe("parseStep", () => {
  it("defaults to a round step giving at most 60 points", () => {
    expect(defaultStepMs(hour)).toBe(60_000);
    expect(defaultStepMs({ from: 0, to: 30 * 60_000 })).toBe(30_000);
    expect(defaultStepMs({ from: 0, to: 24 * 3_600_000 })).toBe(1_800_000);
    expect(parseStep(q(""), hour)).toBe(60_000);
  });

  it("takes milliseconds", () => {
    expect(parseStep(q("step=10000"), hour)).toBe(10_000);
  });

  it("rejects garbage, too small steps and too many points, naming step", () => {
    expect(message(() => parseStep(q("step=1m"), hour))).toBe('step: expected milliseconds, got "1m"');
    expect(message(() => parseStep(q("step=500"), hour))).toMatch(/^step: must be at least 1000 ms/);
    expect(message(() => parseStep(q("step=1000"), hour))).toMatch(/gives 3600 points over this window; at most 500 \(step ≥ 7200 ms\)/);
  });
});
