import { beforeEach, describe, expect, it } from "vitest";
import { logPattern } from "../../../analysis/log-pattern";
import type { Store } from "./store";
import { batch, log, resource, span, spanId, T0_MS, T0_US, testStore, traceId } from "./test-helpers";

const at = (seconds: number) => T0_MS + seconds * 1000;
const ids = (store: Store, query: Omit<Parameters<Store["findTraces"]>[0], "from" | "to" | "limit">) =>
  store.findTraces({ from: at(0), to: at(10), limit: 10, ...query }).map((t) => parseInt(t.traceId.slice(8), 16));

/** Trace n: a root and a child named `child`, the child optionally with an exception, and one log line. */
function trace(n: number, child: string, exception: string | null, message: string) {
  const startUs = T0_US + n * 1_000_000;
  return {
    spans: [
      span({ traceId: traceId(n), spanId: spanId(1), startUs, endUs: startUs + 50_000, resource: resource("api") }),
      span({
        traceId: traceId(n),
        spanId: spanId(2),
        parentSpanId: spanId(1),
        name: child,
        startUs: startUs + 100,
        endUs: startUs + 40_000,
        status: exception ? "fault" : "ok",
        events: exception
          ? [{ name: "exception", timestamp: at(n) + 39, attributes: { "exception.type": exception, "exception.message": "upstream timed out" } }]
          : [{ name: "retry", timestamp: at(n) + 20, attributes: { "exception.type": "NotAnException" } }],
        resource: resource("orders"),
      }),
    ],
    logs: [log({ traceId: traceId(n), spanId: spanId(2), timeUs: startUs + 30_000, level: "error", message })],
  };
}

describe("findTraces with pivots", () => {
  let store: Store;
  beforeEach(() => {
    store = testStore();
    const parts = [
      trace(1, "POST /v1/charges", "TimeoutError", "charge 881 timed out after 3002 ms"),
      trace(2, "POST /v1/charges", null, "charge 42 succeeded in 80 ms"),
      trace(3, "SELECT orders", "TimeoutError", "charge 17 timed out after 2999 ms"),
      trace(4, "SELECT orders", "PgError", "deadlock on 0x7f3a"),
    ];
    store.write(batch({ spans: parts.flatMap((p) => p.spans), logs: parts.flatMap((p) => p.logs) }));
  });

  it("finds the traces with a span of that exact name", () => {
    expect(ids(store, { spanName: "POST /v1/charges" })).toEqual([2, 1]);
    expect(ids(store, { spanName: "post /v1/charges" })).toEqual([]);
    expect(ids(store, { spanName: "GET /" })).toEqual([4, 3, 2, 1]);
  });

  it("finds the traces whose spans recorded an exception of that type (exception events only)", () => {
    expect(ids(store, { exceptionType: "TimeoutError" })).toEqual([3, 1]);
    expect(ids(store, { exceptionType: "PgError" })).toEqual([4]);
    expect(ids(store, { exceptionType: "NotAnException" })).toEqual([]);
  });

  it("finds the traces with a log line of the same pattern", () => {
    expect(ids(store, { logPattern: logPattern("charge 5 timed out after 1 ms") })).toEqual([3, 1]);
    expect(ids(store, { logPattern: logPattern("deadlock on 0xdead") })).toEqual([4]);
    expect(ids(store, { logPattern: "charge" })).toEqual([]);
  });

  it("combines pivots with each other and the other filters (AND)", () => {
    expect(ids(store, { exceptionType: "TimeoutError", spanName: "SELECT orders" })).toEqual([3]);
    expect(ids(store, { exceptionType: "TimeoutError", service: "orders", status: "fault" })).toEqual([3, 1]);
    expect(ids(store, { exceptionType: "TimeoutError", attributes: [{ key: "nope", value: "x" }] })).toEqual([]);
  });
});
