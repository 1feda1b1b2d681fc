import { describe, expect, it } from "vitest";
import { traceQueryKey } from "./query-key";

const base = { from: 1, to: 2, limit: 20 };

describe("traceQueryKey", () => {
  it("differs whenever any field of the query differs", () => {
    const variants = [
      base,
      { ...base, limit: 21 },
      { ...base, service: "a" },
      { ...base, operation: "GET /x" },
      { ...base, minDurationMs: 5 },
      { ...base, maxDurationMs: 5 },
      { ...base, status: "fault" },
      { ...base, attributes: [{ key: "k", value: "v" }] },
      { ...base, attributes: [{ key: "k", value: "w" }] },
      { ...base, filterExpression: "fault" },
      { ...base, someFutureField: true },
    ];
    expect(new Set(variants.map(traceQueryKey)).size).toBe(variants.length);
  });

  it("is the same for the same query written in another order", () => {
    const a = {
      ...base,
      service: "s",
      operation: undefined,
      attributes: [
        { key: "a", value: "1" },
        { value: "2", key: "b" },
      ],
    };
    const b = {
      attributes: [
        { key: "b", value: "2" },
        { key: "a", value: "1" },
      ],
      service: "s",
      limit: 20,
      to: 2,
      from: 1,
    };
    expect(traceQueryKey(a)).toBe(traceQueryKey(b));
  });
});
