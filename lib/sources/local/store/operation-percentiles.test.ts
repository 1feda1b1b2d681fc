import { describe, expect, it } from "vitest";
import { percentilesOf } from "../../../analysis/operation-percentiles";
import { batch, resource, span, spanId, T0_MS, T0_US, testStore, traceId } from "./test-helpers";

describe("operationPercentiles (SQL)", () => {
  it("agrees with the nearest-rank percentiles of each operation's spans in the window", () => {
    const store = testStore();
    const spans = [];
    const durations: number[] = [];
    for (let i = 0; i < 137; i++) {
      const ms = ((i * 37) % 101) + 0.5;
      durations.push(ms);
      spans.push(
        span({
          traceId: traceId(i + 1),
          spanId: spanId(1),
          name: "SELECT",
          startUs: T0_US + i * 1000,
          endUs: T0_US + i * 1000 + ms * 1000,
          resource: resource("db"),
        }),
      );
      spans.push(
        span({
          traceId: traceId(i + 1),
          spanId: spanId(2),
          name: "GET /",
          startUs: T0_US + i * 1000,
          endUs: T0_US + i * 1000 + 5000,
          resource: resource("api"),
        }),
      );
    }
    // Same name, other service; and one SELECT outside the window.
    spans.push(span({ traceId: traceId(500), spanId: spanId(1), name: "SELECT", startUs: T0_US, endUs: T0_US + 9_000_000, resource: resource("other-db") }));
    spans.push(
      span({ traceId: traceId(501), spanId: spanId(1), name: "SELECT", startUs: T0_US + 10_000_000, endUs: T0_US + 99_000_000, resource: resource("db") }),
    );
    store.write(batch({ spans }));

    const window = { from: T0_MS, to: T0_MS + 1000 };
    const got = store.operationPercentiles(window, [
      { service: "db", name: "SELECT" },
      { service: "api", name: "GET /" },
      { service: "nobody", name: "x" },
    ]);
    const bySvc = new Map(got.map((g) => [g.service, g]));
    expect(got).toHaveLength(2);
    expect(bySvc.get("db")).toEqual(percentilesOf({ service: "db", name: "SELECT" }, durations));
    expect(bySvc.get("api")).toMatchObject({ count: 137, p50Ms: 5, p99Ms: 5 });
    expect(store.operationPercentiles(window, [])).toEqual([]);
  });
});
