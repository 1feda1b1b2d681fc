import { describe, expect, it } from "vitest";
import { isRepresentableEpochMs, MAX_EPOCH_MS } from "./epoch";

describe("isRepresentableEpochMs", () => {
  it("is true exactly where new Date(ms).toISOString() works", () => {
    for (const ms of [0, 1, Date.UTC(2026, 0, 1), MAX_EPOCH_MS, -MAX_EPOCH_MS]) {
      expect(isRepresentableEpochMs(ms)).toBe(true);
      expect(() => new Date(ms).toISOString()).not.toThrow();
    }
    for (const ms of [MAX_EPOCH_MS + 1, 9e15, 1e20, Infinity, NaN]) {
      expect(isRepresentableEpochMs(ms)).toBe(false);
      expect(() => new Date(ms).toISOString()).toThrow(RangeError);
    }
  });
});
