import { beforeEach, describe, expect, it } from "vitest";
import type { SpanStatus } from "../../../model";
import type { Store } from "./store";
import { batch, resource, span, spanId, T0_MS, T0_US, testStore, traceId } from "./test-helpers";

/** Trace n starts at T0 + n seconds, lasts `ms`, and has a root in `service` plus a db child. */
function trace(n: number, service: string, ms: number, status: SpanStatus = "ok") {
  const startUs = T0_US + n * 1_000_000;
  return [
    span({ traceId: traceId(n), spanId: spanId(1), startUs, endUs: startUs + ms * 1000, resource: resource(service) }),
    span({
      traceId: traceId(n),
      spanId: spanId(2),
      parentSpanId: spanId(1),
      startUs: startUs + 100,
      endUs: startUs + 200,
      status,
      resource: resource("postgres"),
    }),
  ];
}

const at = (seconds: number) => T0_MS + seconds * 1000;
const ids = (store: Store, query: Parameters<Store["findTraces"]>[0]) => store.findTraces(query).map((t) => parseInt(t.traceId.slice(8), 16));

describe("findTraces", () => {
  let store: Store;
  beforeEach(() => {
    store = testStore();
    store.write(
      batch({
        spans: [
          ...trace(1, "frontend", 10),
          ...trace(2, "frontend", 250, "error"),
          ...trace(3, "worker", 40, "fault"),
          ...trace(4, "frontend", 900, "fault"),
          ...trace(5, "worker", 5, "throttle"),
        ],
      }),
    );
  });

  it("returns traces starting in [from, to), newest first", () => {
    expect(ids(store, { from: at(0), to: at(10), limit: 10 })).toEqual([5, 4, 3, 2, 1]);
    expect(ids(store, { from: at(2), to: at(4), limit: 10 })).toEqual([3, 2]);
    expect(ids(store, { from: at(2) + 0.001, to: at(4) + 0.001, limit: 10 })).toEqual([4, 3]);
  });

  it("filters on a service anywhere in the trace", () => {
    expect(ids(store, { from: at(0), to: at(10), service: "worker", limit: 10 })).toEqual([5, 3]);
    expect(ids(store, { from: at(0), to: at(10), service: "postgres", limit: 10 })).toEqual([5, 4, 3, 2, 1]);
    expect(ids(store, { from: at(0), to: at(10), service: "nobody", limit: 10 })).toEqual([]);
    expect(ids(store, { from: at(2), to: at(4), service: "frontend", limit: 10 })).toEqual([2]);
  });

  it("filters on a minimum duration, inclusive", () => {
    expect(ids(store, { from: at(0), to: at(10), minDurationMs: 250, limit: 10 })).toEqual([4, 2]);
    expect(ids(store, { from: at(0), to: at(10), minDurationMs: 250.001, limit: 10 })).toEqual([4]);
  });

  it("filters on the exact worst status", () => {
    expect(ids(store, { from: at(0), to: at(10), status: "fault", limit: 10 })).toEqual([4, 3]);
    expect(ids(store, { from: at(0), to: at(10), status: "error", limit: 10 })).toEqual([2]);
    expect(ids(store, { from: at(0), to: at(10), status: "ok", limit: 10 })).toEqual([1]);
    expect(ids(store, { from: at(0), to: at(10), status: "throttle", limit: 10 })).toEqual([5]);
  });

  it("combines filters and applies the limit after them", () => {
    expect(ids(store, { from: at(0), to: at(10), service: "frontend", status: "fault", limit: 10 })).toEqual([4]);
    expect(ids(store, { from: at(0), to: at(10), service: "postgres", minDurationMs: 20, limit: 2 })).toEqual([4, 3]);
    expect(ids(store, { from: at(0), to: at(10), limit: 2 })).toEqual([5, 4]);
  });

  it("filters on a maximum duration, inclusive, and on a duration range", () => {
    expect(ids(store, { from: at(0), to: at(10), maxDurationMs: 40, limit: 10 })).toEqual([5, 3, 1]);
    expect(ids(store, { from: at(0), to: at(10), maxDurationMs: 39.999, limit: 10 })).toEqual([5, 1]);
    expect(ids(store, { from: at(0), to: at(10), minDurationMs: 10, maxDurationMs: 250, limit: 10 })).toEqual([3, 2, 1]);
  });

  it("filters on a case-insensitive substring of the root operation, wildcards taken literally", () => {
    store.write(
      batch({
        spans: [
          span({ traceId: traceId(6), spanId: spanId(1), name: "POST /Orders/{id}", startUs: T0_US + 6_000_000, endUs: T0_US + 6_001_000 }),
          span({ traceId: traceId(7), spanId: spanId(1), name: "GET /100%_done", startUs: T0_US + 7_000_000, endUs: T0_US + 7_001_000 }),
        ],
      }),
    );
    expect(ids(store, { from: at(0), to: at(10), operation: "orders", limit: 10 })).toEqual([6]);
    expect(ids(store, { from: at(0), to: at(10), operation: "%_", limit: 10 })).toEqual([7]);
    expect(ids(store, { from: at(0), to: at(10), operation: "_", limit: 10 })).toEqual([7]);
    expect(ids(store, { from: at(0), to: at(10), operation: "get /", limit: 10 })).toEqual([7, 5, 4, 3, 2, 1]);
  });

  describe("attribute filters", () => {
    beforeEach(() => {
      const startUs = T0_US + 8_000_000;
      const root = { traceId: traceId(8), spanId: spanId(1), startUs, endUs: startUs + 5000 };
      store.write(
        batch({
          spans: [
            span({ ...root, attributes: { "http.route": "/cart", "http.response.status_code": 503, retried: true } }),
            span({
              traceId: traceId(8),
              spanId: spanId(2),
              parentSpanId: spanId(1),
              startUs: startUs + 10,
              endUs: startUs + 20,
              attributes: { "annotation.tenant": "acme", ratio: 0.5, nested: { a: "b" } },
            }),
            span({ traceId: traceId(9), spanId: spanId(1), startUs: startUs + 1000, endUs: startUs + 2000, attributes: { "http.route": "/cart/x" } }),
          ],
        }),
      );
    });

    const find = (attributes: { key: string; value: string }[]) => ids(store, { from: at(0), to: at(10), attributes, limit: 10 });

    it("matches a span attribute of any span, exactly, with numbers and booleans as typed", () => {
      expect(find([{ key: "http.route", value: "/cart" }])).toEqual([8]);
      expect(find([{ key: "http.route", value: "/cart/x" }])).toEqual([9]);
      expect(find([{ key: "http.response.status_code", value: "503" }])).toEqual([8]);
      expect(find([{ key: "retried", value: "true" }])).toEqual([8]);
      expect(find([{ key: "retried", value: "1" }])).toEqual([]);
      expect(find([{ key: "ratio", value: "0.5" }])).toEqual([8]);
      expect(find([{ key: "nested", value: '{"a":"b"}' }])).toEqual([]);
    });

    it("matches an annotation by its bare key or its full key", () => {
      expect(find([{ key: "tenant", value: "acme" }])).toEqual([8]);
      expect(find([{ key: "annotation.tenant", value: "acme" }])).toEqual([8]);
      expect(find([{ key: "tenant", value: "ACME" }])).toEqual([]);
    });

    it("requires every filter (each may match a different span), together with the others", () => {
      expect(
        find([
          { key: "tenant", value: "acme" },
          { key: "http.route", value: "/cart" },
        ]),
      ).toEqual([8]);
      expect(
        find([
          { key: "tenant", value: "acme" },
          { key: "http.route", value: "/cart/x" },
        ]),
      ).toEqual([]);
      expect(ids(store, { from: at(0), to: at(10), service: "checkout", attributes: [{ key: "http.route", value: "/cart" }], limit: 10 })).toEqual([8]);
    });

    it("binds values: quotes and JSON path syntax are plain text", () => {
      expect(find([{ key: "http.route", value: "' OR 1=1 --" }])).toEqual([]);
      expect(find([{ key: "$.http", value: "/cart" }])).toEqual([]);
    });
  });

  it("summarizes each trace from its root", () => {
    const [summary] = store.findTraces({ from: at(4), to: at(5), limit: 1 });
    expect(summary).toEqual({
      traceId: traceId(4),
      xrayTraceId: `1-65920080-${traceId(4).slice(8)}`,
      startTime: at(4),
      durationMs: 900,
      rootService: "frontend",
      rootName: "GET /",
      status: "fault",
      spanCount: 2,
      httpStatus: null,
    });
  });
});
