import { describe, expect, it } from "vitest";
import { formatDuration, formatUtc, formatUtcTime } from "./format";

describe("formatDuration", () => {
  it.each([
    [0.0042, "4 µs"],
    [0.5, "500 µs"],
    [1.234, "1.23 ms"],
    [42.4, "42 ms"],
    [1500, "1.50 s"],
    [12_345, "12.3 s"],
    [125_000, "2 min 5 s"],
  ])("%s ms → %s", (ms, text) => expect(formatDuration(ms)).toBe(text));

  it("shows a dash for a non-number", () => expect(formatDuration(Number.NaN)).toBe("—"));
});

describe("UTC formatting", () => {
  it("formats an instant in UTC with milliseconds", () => {
    expect(formatUtc(Date.UTC(2026, 10, 21, 2, 47, 3, 125))).toBe("2026-11-21 02:47:03.125 UTC");
    expect(formatUtcTime(Date.UTC(2026, 10, 21, 2, 47, 3, 125))).toBe("02:47:03.125");
  });
});
