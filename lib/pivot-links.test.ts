import { describe, expect, it } from "vitest";
import { attributeFilterValue, pivotHref, pivotWindow } from "./pivot-links";

const trace = { startTime: 10_000_000, endTime: 10_003_000 };
const w = { from: 1, to: 2 };

describe("pivotWindow", () => {
  it("is an hour either side of the trace, or the incident's window from the URL", () => {
    expect(pivotWindow(trace, null)).toEqual({ from: 10_000_000 - 3_600_000, to: 10_003_000 + 3_600_000 });
    expect(pivotWindow(trace, new URLSearchParams("wfrom=5&wto=9"))).toEqual({ from: 5, to: 9 });
    expect(pivotWindow(trace, new URLSearchParams("wfrom=9&wto=5"))).toEqual(pivotWindow(trace, null));
    expect(pivotWindow(trace, new URLSearchParams("wfrom=x&wto=5"))).toEqual(pivotWindow(trace, null));
  });
});

describe("pivotHref", () => {
  it("sets one filter and the window", () => {
    expect(pivotHref({ kind: "attribute", key: "tenant", value: "a&b=c" }, w)).toBe("/traces?from=1&to=2&attr=tenant%3Da%26b%3Dc");
    expect(pivotHref({ kind: "span", service: "orders", name: "POST /v1/charges" }, w)).toBe(
      "/traces?from=1&to=2&service=orders&spanName=POST+%2Fv1%2Fcharges",
    );
    expect(pivotHref({ kind: "exception", type: "TimeoutError" }, w)).toBe("/traces?from=1&to=2&exception=TimeoutError");
    expect(pivotHref({ kind: "log", message: "timed out after 3000 ms" }, w)).toBe("/traces?from=1&to=2&logPattern=timed+out+after+3000+ms");
  });
});

describe("attributeFilterValue", () => {
  it("is the text the attr filter compares, or null when the value cannot be one", () => {
    expect(attributeFilterValue("http.status_code", 503)).toBe("503");
    expect(attributeFilterValue("cold", false)).toBe("false");
    expect(attributeFilterValue("tier", "gold")).toBe("gold");
    expect(attributeFilterValue("tags", ["a"])).toBeNull();
    expect(attributeFilterValue("obj", { a: 1 })).toBeNull();
    expect(attributeFilterValue("none", null)).toBeNull();
    expect(attributeFilterValue("long", "x".repeat(201))).toBeNull();
    expect(attributeFilterValue("bad key", "x")).toBeNull();
    expect(attributeFilterValue("multi", "a\nb")).toBeNull();
  });
});
