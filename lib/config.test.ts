import { describe, expect, it } from "vitest";
import { parseConfig } from "./config";

describe("the large-trace settings", () => {
  it("default to windows from 1,000 spans, whole reads up to 100,000, and growing traces laid out from 200,000", () => {
    const c = parseConfig({});
    expect([c.traceWindowFromSpans, c.traceReadMaxSpans, c.traceGrowingFromSpans]).toEqual([1_000, 100_000, 200_000]);
  });

  it("read TRACE_GROWING_FROM_SPANS, and name it when it is not a positive number", () => {
    expect(parseConfig({ TRACE_GROWING_FROM_SPANS: "20000" }).traceGrowingFromSpans).toBe(20_000);
    expect(() => parseConfig({ TRACE_GROWING_FROM_SPANS: "many" })).toThrow(/TRACE_GROWING_FROM_SPANS/);
    expect(() => parseConfig({ TRACE_GROWING_FROM_SPANS: "0" })).toThrow(/TRACE_GROWING_FROM_SPANS/);
  });
});
