import { describe, expect, it } from "vitest";
import { classify, percentile } from "./tally";

describe("percentile", () => {
  it("is the nearest-rank percentile", () => {
    const xs = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(xs, 99)).toBe(99);
    expect(percentile(xs, 50)).toBe(50);
    expect(percentile([], 99)).toBe(0);
  });
});

describe("classify", () => {
  it("sorts problems into the suite's checks", () => {
    expect(classify("500: boom")).toBe("5xx");
    expect(classify("no answer within the deadline (10000 ms)")).toBe("hang");
    expect(classify("upstream call on invalid input: StartQuery")).toBe("upstream");
    expect(classify("expected a 4xx, got 200")).toBe("status");
    expect(classify("a 4xx with an empty or terse message")).toBe("message");
  });
});
