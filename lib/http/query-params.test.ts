import { describe, expect, it } from "vitest";
import { ApiError } from "./api-error";
import {
  parseAttributeFilters,
  parseDurationRange,
  parseLimit,
  parseNonNegative,
  parseOperation,
  parseService,
  parseStatus,
  parseTime,
  parseWindow,
} from "./query-params";

const opts = { now: 1_800_000_000_000, maxWindowMs: 24 * 3_600_000, defaultSpanMs: 3_600_000 };
const q = (s: string) => new URLSearchParams(s);

function rejection(fn: () => unknown): ApiError {
  try {
    fn();
  } catch (e) {
    if (e instanceof ApiError) return e;
    throw e;
  }
  throw new Error("expected a rejection");
}

describe("parseWindow", () => {
  it("defaults to the last hour when no bound is given", () => {
    expect(parseWindow(q(""), opts)).toEqual({ from: opts.now - 3_600_000, to: opts.now });
  });

  it("takes epoch milliseconds (fractional too) and ISO times", () => {
    expect(parseWindow(q("from=1000.5&to=2000"), opts)).toEqual({ from: 1000.5, to: 2000 });
    expect(parseWindow(q("from=2026-11-21T02:00:00Z&to=2026-11-21T03:00:00Z"), opts)).toEqual({
      from: Date.UTC(2026, 10, 21, 2),
      to: Date.UTC(2026, 10, 21, 3),
    });
  });

  it("rejects an unbounded window: to without from", () => {
    const e = rejection(() => parseWindow(q("to=2000"), opts));
    expect([e.status, e.code]).toEqual([400, "invalid_from"]);
    expect(e.message).toMatch(/unbounded/);
  });

  it("rejects an inverted or empty window, naming `to`", () => {
    expect(rejection(() => parseWindow(q("from=2000&to=1000"), opts)).message).toMatch(/^to: the window is inverted/);
    expect(rejection(() => parseWindow(q("from=2000&to=2000"), opts)).code).toBe("invalid_to");
  });

  it("rejects a window longer than the maximum", () => {
    const e = rejection(() => parseWindow(q(`from=0&to=${25 * 3_600_000}`), opts));
    expect(e.message).toMatch(/25 h long; at most 24 h/);
  });

  it("rejects garbage and negative times, naming the parameter", () => {
    expect(rejection(() => parseWindow(q("from=yesterday&to=1"), opts)).message).toMatch(/^from: expected epoch/);
    expect(rejection(() => parseTime("to", "-5")).message).toBe("to: must not be negative, got -5");
    // Found by the fuzz suite: accepted, then new Date(9e15) broke the AWS SDK's request (a 500).
    expect(rejection(() => parseTime("from", "9000000000000000")).message).toBe(
      "from: is past the last time a date can hold (8640000000000000 ms), got 9000000000000000",
    );
    expect(parseTime("to", "8640000000000000")).toBe(8.64e15);
  });
});

describe("other parameters", () => {
  it("limit: default, bounds, whole numbers", () => {
    expect(parseLimit(q(""), 100, 1000)).toBe(100);
    expect(parseLimit(q("limit=5"), 100, 1000)).toBe(5);
    expect(rejection(() => parseLimit(q("limit=-1"), 100, 1000)).message).toBe("limit: must be at least 1, got -1");
    expect(rejection(() => parseLimit(q("limit=0"), 100, 1000)).code).toBe("invalid_limit");
    expect(rejection(() => parseLimit(q("limit=1001"), 100, 1000)).message).toMatch(/at most 1000/);
    expect(rejection(() => parseLimit(q("limit=1.5"), 100, 1000)).message).toMatch(/whole number/);
  });

  it("status: one of the four", () => {
    expect(parseStatus(q("status=throttle"))).toBe("throttle");
    expect(parseStatus(q(""))).toBeUndefined();
    expect(rejection(() => parseStatus(q("status=broken"))).message).toBe('status: must be one of ok, error, fault, throttle, got "broken"');
  });

  it("minDurationMs: a non-negative number", () => {
    expect(parseNonNegative(q("minDurationMs=250.5"), "minDurationMs")).toBe(250.5);
    expect(rejection(() => parseNonNegative(q("minDurationMs=-1"), "minDurationMs")).code).toBe("invalid_minDurationMs");
    expect(rejection(() => parseNonNegative(q("minDurationMs=abc"), "minDurationMs")).code).toBe("invalid_minDurationMs");
  });

  it("service: a plain name, no query metacharacters", () => {
    expect(parseService(q("service=orders-service"))).toBe("orders-service");
    expect(parseService(q("service=my.service"))).toBe("my.service");
    expect(rejection(() => parseService(q('service=a"|b'))).code).toBe("invalid_service");
    expect(rejection(() => parseService(q(`service=${"x".repeat(201)}`))).code).toBe("invalid_service");
  });
});

describe("trace search parameters", () => {
  it("duration range: each bound optional, max not below min, naming maxDurationMs", () => {
    expect(parseDurationRange(q(""))).toEqual({ minDurationMs: undefined, maxDurationMs: undefined });
    expect(parseDurationRange(q("minDurationMs=10&maxDurationMs=10"))).toEqual({ minDurationMs: 10, maxDurationMs: 10 });
    expect(parseDurationRange(q("maxDurationMs=5.5"))).toEqual({ minDurationMs: undefined, maxDurationMs: 5.5 });
    const e = rejection(() => parseDurationRange(q("minDurationMs=100&maxDurationMs=50")));
    expect([e.status, e.code]).toEqual([400, "invalid_maxDurationMs"]);
    expect(e.message).toBe("maxDurationMs: must not be less than minDurationMs (100), got 50");
    expect(rejection(() => parseDurationRange(q("maxDurationMs=-1"))).code).toBe("invalid_maxDurationMs");
  });

  it("operation: trimmed text, at most 200 characters, no control characters", () => {
    expect(parseOperation(q("operation=%20GET%20/orders%20"))).toBe("GET /orders");
    expect(parseOperation(q("operation=%20"))).toBeUndefined();
    expect(rejection(() => parseOperation(q(`operation=${"x".repeat(201)}`))).code).toBe("invalid_operation");
    expect(rejection(() => parseOperation(q("operation=a%00b"))).code).toBe("invalid_operation");
  });

  it("attr: repeatable key=value, split at the first =", () => {
    expect(parseAttributeFilters(q(""))).toEqual([]);
    expect(parseAttributeFilters(q("attr=http.route=/a=b&attr=tenant_id-2=&attr="))).toEqual([
      { key: "http.route", value: "/a=b" },
      { key: "tenant_id-2", value: "" },
    ]);
  });

  it.each([
    ["attr=novalue", /expected key=value/],
    ["attr==x", /the key must be/],
    ["attr=a%20b=x", /the key must be/],
    ['attr=a"=x', /the key must be/],
    [`attr=${"k".repeat(101)}=x`, /the key must be/],
    [`attr=k=${"v".repeat(201)}`, /at most 200/],
    ["attr=k=a%0Ab", /control characters/],
    [Array.from({ length: 11 }, (_, i) => `attr=k${i}=v`).join("&"), /at most 10 filters/],
  ])("attr: rejects %s, naming attr", (query, reason) => {
    const e = rejection(() => parseAttributeFilters(q(query)));
    expect(e.code).toBe("invalid_attr");
    expect(e.message).toMatch(/^attr: /);
    expect(e.message).toMatch(reason);
  });
});
