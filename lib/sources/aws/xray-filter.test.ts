import { describe, expect, it } from "vitest";
import { FilterExpressionError, buildFilterExpression } from "./xray-filter";

describe("buildFilterExpression", () => {
  it("filters nothing without filters", () => {
    expect(buildFilterExpression({})).toBeUndefined();
    expect(buildFilterExpression({ filterExpression: "   " })).toBeUndefined();
  });

  it("quotes a service name, writes the duration in seconds, and matches the status exactly", () => {
    expect(buildFilterExpression({ service: "api.orders-v2 /x:y@z", minDurationMs: 1500, status: "error" })).toBe(
      'service("api.orders-v2 /x:y@z") AND duration >= 1.5 AND error AND NOT throttle AND NOT fault',
    );
    expect(buildFilterExpression({ status: "fault" })).toBe("fault");
    expect(buildFilterExpression({ status: "throttle" })).toBe("throttle AND NOT fault");
    expect(buildFilterExpression({ status: "ok" })).toBe("NOT error AND NOT throttle AND NOT fault");
  });

  it("writes durations as plain decimals, to the microsecond", () => {
    expect(buildFilterExpression({ minDurationMs: 0 })).toBe("duration >= 0");
    expect(buildFilterExpression({ minDurationMs: 0.0001 })).toBe("duration >= 0");
    expect(buildFilterExpression({ minDurationMs: 0.25 })).toBe("duration >= 0.00025");
    expect(buildFilterExpression({ minDurationMs: 120_000 })).toBe("duration >= 120");
  });

  it.each(['x") OR service("y', "a\\b", "", "x".repeat(201), "new\nline"])("rejects the service name %j", (service) => {
    expect(() => buildFilterExpression({ service })).toThrow(FilterExpressionError);
  });

  it("rejects a negative or non-finite duration", () => {
    expect(() => buildFilterExpression({ minDurationMs: -1 })).toThrow(/minDurationMs/);
    expect(() => buildFilterExpression({ minDurationMs: Number.NaN })).toThrow(/minDurationMs/);
  });

  it("passes a raw expression through alone, or in parentheses after the typed filters", () => {
    expect(buildFilterExpression({ filterExpression: ' annotation.tier = "gold" ' })).toBe('annotation.tier = "gold"');
    expect(buildFilterExpression({ status: "fault", filterExpression: 'http.url = "(x"' })).toBe('fault AND (http.url = "(x")');
  });

  it.each([
    ["ok) OR (fault", /never opened/],
    ["(ok", /never closed/],
    ['user = "x', /not closed/],
    ["user = 'x'", /single quotes/],
    ['user = "a\\" OR ok"', /backslashes/],
    ["ok ".repeat(700), /at most 2000/],
  ])("rejects the raw expression %j", (filterExpression, reason) => {
    expect(() => buildFilterExpression({ service: "s", filterExpression })).toThrow(reason);
  });
});
