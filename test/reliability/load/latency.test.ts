import { describe, expect, it } from "vitest";
import { LatencyRecorder, quantile } from "./latency";

describe("quantile", () => {
  it("takes the nearest rank", () => {
    const xs = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(quantile(xs, 0.5)).toBe(50);
    expect(quantile(xs, 0.99)).toBe(99);
    expect(quantile([7], 0.99)).toBe(7);
    expect(quantile([], 0.5)).toBeNaN();
  });
});

describe("LatencyRecorder", () => {
  it("counts requests and errors per route", () => {
    const r = new LatencyRecorder();
    r.record("a", 1);
    r.record("a", 3);
    r.error("a", "500 boom");
    r.record("b", 2);
    expect(r.requests).toBe(4);
    expect(r.errors).toBe(1);
    expect(r.errorExamples).toEqual(["a: 500 boom"]);
    expect(r.routes().find((s) => s.route === "a")).toMatchObject({ requests: 3, errors: 1, p50Ms: 1, p99Ms: 3 });
  });
});
