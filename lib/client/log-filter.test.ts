import { describe, expect, it } from "vitest";
import { log, span } from "../analysis/test-spans";
import { firstAtOrAfter, firstRowOfSpan, indexLogs, matchLogs, withinRange, zoomWindow } from "./log-filter";

// orders-service handles the request and queries the `shop` database, which emits no spans.
const spans = [
  span({ spanId: "api", service: "checkout-api", startTime: 0, endTime: 1000 }),
  span({ spanId: "orders", parentSpanId: "api", service: "orders-service", startTime: 100, endTime: 900 }),
  span({
    spanId: "query",
    parentSpanId: "orders",
    service: "orders-service",
    kind: "client",
    startTime: 200,
    endTime: 400,
    attributes: { "db.system": "postgresql", "db.name": "shop" },
  }),
];

const events = [
  log({ timestamp: 950, service: "checkout-api", message: "access log", fields: { status: "504" } }),
  log({ timestamp: 150, service: "orders-service", spanId: "orders", message: "Creating order" }),
  log({ timestamp: 300, service: "orders-service", spanId: "query", message: "slow query", fields: { plan: { node: "Seq Scan" } } }),
  // A Lambda platform line: no span ID, resolved by time within its service.
  log({ timestamp: 500, service: "orders-service", message: "REPORT RequestId: 42" }),
  log({ timestamp: 150, service: "checkout-api", message: "START" }),
];

describe("indexLogs", () => {
  const index = indexLogs(events, spans);

  it("orders lines by time, keeping the source order of equal times", () => {
    expect(index.order).toEqual([1, 4, 2, 3, 0]);
  });

  it("resolves each line's span once, including lines without a span ID", () => {
    expect(index.spanIds).toEqual(["api", "orders", "query", "orders", "api"]);
  });
});

describe("matchLogs", () => {
  const index = indexLogs(events, spans);

  it("keeps every line, in time order, without a filter", () => {
    expect(matchLogs(index, spans, null, "")).toEqual([1, 4, 2, 3, 0]);
    expect(matchLogs(index, spans, null, "   ")).toEqual([1, 4, 2, 3, 0]);
  });

  it("matches the query case-insensitively in the message", () => {
    expect(matchLogs(index, spans, null, "ORDER")).toEqual([1]);
  });

  it("matches the query in field values, including nested ones, but not in field names", () => {
    expect(matchLogs(index, spans, null, "seq scan")).toEqual([2]);
    expect(matchLogs(index, spans, null, "504")).toEqual([0]);
    expect(matchLogs(index, spans, null, "status")).toEqual([]);
  });

  it("keeps a service's own lines", () => {
    expect(matchLogs(index, spans, "checkout-api", "")).toEqual([4, 0]);
    expect(matchLogs(index, spans, "orders-service", "")).toEqual([1, 2, 3]);
  });

  it("keeps, for a callee that emits nothing, the lines of the calls made to it", () => {
    expect(matchLogs(index, spans, "shop", "")).toEqual([2]);
  });

  it("combines the service and the query", () => {
    expect(matchLogs(index, spans, "orders-service", "report")).toEqual([3]);
    expect(matchLogs(index, spans, "checkout-api", "report")).toEqual([]);
  });
});

describe("withinRange", () => {
  const index = indexLogs(events, spans);
  const all = matchLogs(index, spans, null, "");

  it("keeps the lines inside the range, bounds included, and counts the others", () => {
    expect(withinRange(events, all, { from: 150, to: 500 })).toEqual({ rows: [1, 4, 2, 3], outside: 1 });
    expect(withinRange(events, all, { from: 151, to: 499 })).toEqual({ rows: [2], outside: 4 });
  });

  it("counts only lines the other filters kept", () => {
    expect(withinRange(events, matchLogs(index, spans, "orders-service", ""), { from: 200, to: 1000 })).toEqual({
      rows: [2, 3],
      outside: 1,
    });
  });

  it("keeps every line without a range", () => {
    expect(withinRange(events, all, null)).toEqual({ rows: all, outside: 0 });
  });

  it("keeps nothing from a range that holds no line", () => {
    expect(withinRange(events, all, { from: 2000, to: 3000 })).toEqual({ rows: [], outside: 5 });
    expect(withinRange(events, [], { from: 0, to: 1 })).toEqual({ rows: [], outside: 0 });
  });
});

describe("zoomWindow", () => {
  const trace = { startTime: 1_795_251_453_770.323, endTime: 1_795_251_463_817.488 };

  it("is null while the whole trace is visible, so lines just outside its spans stay listed", () => {
    expect(zoomWindow({ from: trace.startTime, to: trace.endTime }, trace)).toBeNull();
    expect(zoomWindow({ from: trace.startTime - 5, to: trace.endTime + 5 }, trace)).toBeNull();
  });

  it("is the visible range when zoomed in", () => {
    const zoomed = { from: trace.startTime + 100, to: trace.endTime };
    expect(zoomWindow(zoomed, trace)).toBe(zoomed);
    expect(zoomWindow({ from: trace.startTime, to: trace.endTime - 1 }, trace)).toEqual({ from: trace.startTime, to: trace.endTime - 1 });
  });
});

describe("firstAtOrAfter", () => {
  const index = indexLogs(events, spans);
  const all = matchLogs(index, spans, null, "");

  it("finds the position of the first line at or after a time", () => {
    expect(firstAtOrAfter(events, all, 0)).toBe(0);
    expect(firstAtOrAfter(events, all, 150)).toBe(0);
    expect(firstAtOrAfter(events, all, 151)).toBe(2);
    expect(firstAtOrAfter(events, all, 10_000)).toBe(5);
  });
});

describe("firstRowOfSpan", () => {
  const index = indexLogs(events, spans);
  const all = matchLogs(index, spans, null, "");

  it("finds the first listed line of a span, resolved lines included", () => {
    expect(firstRowOfSpan(index, all, "orders")).toBe(0);
    expect(firstRowOfSpan(index, all, "api")).toBe(1);
    expect(firstRowOfSpan(index, [3], "orders")).toBe(0);
    expect(firstRowOfSpan(index, all, "nope")).toBe(-1);
  });
});

describe("at scale", () => {
  // Its speed is bench/log-index.ts's to measure (a timed unit test failed on a loaded CI machine).
  it("indexes 10,000 lines and filters them by service, query and range", () => {
    const many = Array.from({ length: 10_000 }, (_, i) =>
      log({
        timestamp: (i * 7919) % 1000,
        service: i % 2 ? "orders-service" : "checkout-api",
        spanId: i % 3 ? null : "orders",
        message: `line ${i} of a busy request`,
        fields: { orderId: `ord_${i}`, amountCents: i, nested: { attempt: i % 5 } },
      }),
    );
    const index = indexLogs(many, spans);
    const rows = matchLogs(index, spans, "orders-service", "ord_99");
    const ranged = withinRange(many, rows, { from: 100, to: 600 });
    // ord_99, ord_990…ord_999 and ord_9900…ord_9999 written by orders-service (the odd ones) or on
    // its span `orders` (every third), in time order.
    const expected = many
      .map((line, i) => ({ line, i }))
      .filter(({ line }) => (line.service === "orders-service" || line.spanId === "orders") && String(line.fields.orderId).startsWith("ord_99"))
      .sort((a, b) => a.line.timestamp - b.line.timestamp || a.i - b.i)
      .map(({ i }) => i);
    expect(rows).toEqual(expected);
    expect(rows.length).toBe(75);
    expect(ranged.rows.length + ranged.outside).toBe(rows.length);
    expect(ranged.rows.every((i) => many[i].timestamp >= 100 && many[i].timestamp <= 600)).toBe(true);
  });
});
