import { describe, expect, it } from "vitest";
import { buildFilterExpression, FilterExpressionError } from "./xray-filter";

describe("pivot filters in X-Ray filter expressions", () => {
  it("filters an exception type by the root causes' exception names, combined by AND", () => {
    expect(buildFilterExpression({ exceptionType: "TimeoutError" })).toBe(
      '(rootcause.fault.exception.name = "TimeoutError" OR rootcause.error.exception.name = "TimeoutError")',
    );
    expect(buildFilterExpression({ service: "orders", exceptionType: "java.net.SocketTimeoutException" })).toBe(
      'service("orders") AND (rootcause.fault.exception.name = "java.net.SocketTimeoutException" OR rootcause.error.exception.name = "java.net.SocketTimeoutException")',
    );
  });

  it("refuses what X-Ray cannot filter, and strings that could leave their quotes, naming the parameter", () => {
    expect(() => buildFilterExpression({ spanName: "SELECT" })).toThrow(FilterExpressionError);
    expect(() => buildFilterExpression({ spanName: "SELECT" })).toThrow(/^spanName: /);
    expect(() => buildFilterExpression({ logPattern: "timed out after <n> ms" })).toThrow(/^logPattern: .*local source/);
    expect(() => buildFilterExpression({ exceptionType: 'x" OR ok OR "' })).toThrow(/^exception: /);
  });
});
