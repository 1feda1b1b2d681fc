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

  it("bounds the duration from above, alone or as a range", () => {
    expect(buildFilterExpression({ maxDurationMs: 250 })).toBe("duration <= 0.25");
    expect(buildFilterExpression({ minDurationMs: 100, maxDurationMs: 2000 })).toBe("duration >= 0.1 AND duration <= 2");
    expect(() => buildFilterExpression({ maxDurationMs: -1 })).toThrow(/maxDurationMs/);
    expect(() => buildFilterExpression({ maxDurationMs: Number.POSITIVE_INFINITY })).toThrow(/maxDurationMs/);
  });

  it("matches the operation on the root request's method and URL", () => {
    expect(buildFilterExpression({ operation: "GET /orders" })).toBe('http.method = "GET" AND http.url CONTAINS "/orders"');
    expect(buildFilterExpression({ operation: "post" })).toBe('http.method = "POST"');
    expect(buildFilterExpression({ operation: " /cart/items " })).toBe('http.url CONTAINS "/cart/items"');
    expect(buildFilterExpression({ operation: "GETTER" })).toBe('http.url CONTAINS "GETTER"');
  });

  it("matches attributes as annotations, typed values also by their type", () => {
    expect(buildFilterExpression({ attributes: [{ key: "tenant", value: "acme corp" }] })).toBe('annotation.tenant = "acme corp"');
    expect(buildFilterExpression({ attributes: [{ key: "annotation.UserID", value: "5M388M1E" }] })).toBe('annotation.UserID = "5M388M1E"');
    expect(
      buildFilterExpression({
        attributes: [
          { key: "n", value: "42" },
          { key: "ok_", value: "true" },
        ],
      }),
    ).toBe('(annotation.n = "42" OR annotation.n = 42) AND (annotation.ok_ = "true" OR annotation.ok_ = true)');
    expect(buildFilterExpression({ status: "fault", attributes: [{ key: "r", value: "-1.5" }] })).toBe(
      '(annotation.r = "-1.5" OR annotation.r = -1.5) AND fault',
    );
  });

  it.each([
    [{ attributes: [{ key: "http.route", value: "/x" }] }, /^attr: X-Ray filters annotations only/],
    [{ attributes: [{ key: "tier-1", value: "x" }] }, /^attr:/],
    [{ attributes: [{ key: "k", value: 'a" OR fault OR annotation.k = "' }] }, /^attr: .*double quotes/],
    [{ attributes: [{ key: "k", value: "a\\" }] }, /^attr:/],
    [{ attributes: [{ key: "k", value: "a\nb" }] }, /^attr:/],
    [{ operation: 'GET /x") OR ok OR http.url CONTAINS ("' }, /^operation:/],
  ])("rejects a string that could leave its quotes: %j", (query, reason) => {
    expect(() => buildFilterExpression(query)).toThrow(reason);
  });
});
