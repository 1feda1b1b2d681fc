import { describe, expect, it } from "vitest";
import { nodeRequests, parentLookup } from "./node-requests";
import { buildServiceGraph } from "./service-graph";
import { serviceStatsFromSpans } from "./service-stats";
import { span } from "./test-spans";

const orders = span({ spanId: "ord", service: "orders", kind: "server", durationMs: 12_000, status: "fault", startTime: 1_000 });
const pay = (id: string, startTime: number, status: "ok" | "fault") =>
  span({
    spanId: id,
    parentSpanId: "ord",
    service: "orders",
    kind: "client",
    startTime,
    durationMs: status === "fault" ? 10_000 : 300,
    status,
    attributes: { "http.request.method": "POST", "url.full": "https://api.payments-provider.example/v1/charges" },
  });
const dynamo = span({
  spanId: "ddb",
  parentSpanId: "ord",
  service: "orders",
  kind: "client",
  startTime: 1_500,
  durationMs: 20,
  status: "throttle",
  httpStatus: 400,
  attributes: { "rpc.system": "aws-api", "rpc.service": "DynamoDB" },
});
// A call answered by an instrumented service is that service's request, not an inferred node's.
const callAuth = span({
  spanId: "call-auth",
  parentSpanId: "ord",
  service: "orders",
  kind: "client",
  startTime: 1_100,
  attributes: { "http.request.method": "GET", "url.full": "http://auth.internal/check" },
});
const auth = span({ spanId: "auth", parentSpanId: "call-auth", service: "auth", kind: "server", startTime: 1_101 });
const spans = [orders, pay("p1", 1_200, "fault"), pay("p2", 2_000, "ok"), dynamo, callAuth, auth];

describe("nodeRequests", () => {
  const requests = nodeRequests(spans);
  const of = (node: string) => requests.filter((r) => r.node === node);

  it("counts the calls made to an inferred callee as its requests", () => {
    expect(of("api.payments-provider.example").map((r) => r.span.spanId)).toEqual(["p1", "p2"]);
    expect(of("DynamoDB").map((r) => r.status)).toEqual(["throttle"]);
  });

  it("counts an instrumented service's entry spans, not the caller's client span", () => {
    expect(of("auth").map((r) => r.span.spanId)).toEqual(["auth"]);
    expect(of("auth.internal")).toEqual([]);
  });

  it("agrees with the service graph's node stats and the RED series", () => {
    const graph = buildServiceGraph(spans);
    const window = { from: 0, to: 60_000 };
    for (const name of ["api.payments-provider.example", "DynamoDB", "orders", "auth"]) {
      const node = graph.nodes.find((n) => n.name === name);
      const series = serviceStatsFromSpans(spans, name, window, 60_000).series;
      const total = series.reduce((t, p) => ({ requests: t.requests + p.requests, faults: t.faults + p.faults, throttles: t.throttles + p.throttles }), {
        requests: 0,
        faults: 0,
        throttles: 0,
      });
      expect(node?.stats).toMatchObject(total);
      expect(total.requests).toBeGreaterThan(0);
    }
  });
});

describe("parentLookup", () => {
  const A = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
  const B = "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";

  it("finds a span's parent among the spans of one trace, as the Gantt does: the first span with that ID, none for a span naming itself", () => {
    const root = span({ traceId: A, spanId: "r", service: "first" });
    const again = span({ traceId: A, spanId: "r", service: "second" });
    const child = span({ traceId: A, spanId: "c", parentSpanId: "r" });
    const orphan = span({ traceId: A, spanId: "o", parentSpanId: "missing" });
    const parentOf = parentLookup([root, again, child, orphan]);
    expect(parentOf(child)?.service).toBe("first");
    expect(parentOf(orphan)).toBeUndefined();
    expect(parentOf(span({ traceId: A, spanId: "s", parentSpanId: "s" }))).toBeUndefined();
    expect(parentOf(root)).toBeUndefined();
    // The same span ID in another trace is not the parent.
    expect(parentOf(span({ traceId: B, spanId: "x", parentSpanId: "r" }))).toBeUndefined();
  });

  it("keeps the traces of many apart: a parent ID is looked up in the span's own trace", () => {
    const rootA = span({ traceId: A, spanId: "r", service: "in-a" });
    const rootB = span({ traceId: B, spanId: "r", service: "in-b" });
    const childA = span({ traceId: A, spanId: "c", parentSpanId: "r" });
    const childB = span({ traceId: B, spanId: "c", parentSpanId: "r" });
    const parentOf = parentLookup([rootA, rootB, childA, childB]);
    expect(parentOf(childA)?.service).toBe("in-a");
    expect(parentOf(childB)?.service).toBe("in-b");
  });

  it("gives nodeRequests the same answers whether the parents are passed in or found there", () => {
    expect(nodeRequests(spans, spans.map(parentLookup(spans)))).toEqual(nodeRequests(spans));
    expect(() => nodeRequests(spans, [])).toThrow(/0 parents/);
  });
});
