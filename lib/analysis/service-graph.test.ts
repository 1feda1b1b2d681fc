import { describe, expect, it } from "vitest";
import { buildServiceGraph, CLIENT_NODE } from "./service-graph";
import { span } from "./test-spans";

const gateway = span({ spanId: "gw", service: "checkout-api", kind: "server", origin: "AWS::ApiGateway::Stage", durationMs: 120 });
const callOrders = span({ spanId: "gw-call", parentSpanId: "gw", service: "checkout-api", kind: "client", durationMs: 100, startTime: 5 });
const orders = span({
  spanId: "ord",
  parentSpanId: "gw-call",
  service: "orders",
  kind: "server",
  origin: "AWS::ECS::Container",
  durationMs: 90,
  startTime: 6,
  status: "fault",
  httpStatus: 500,
});
const sql = span({
  spanId: "sql",
  parentSpanId: "ord",
  service: "orders",
  kind: "client",
  durationMs: 40,
  startTime: 10,
  attributes: { "db.system": "postgresql", "db.name": "orders", "server.address": "orders-db.cluster-x.rds.amazonaws.com" },
});
const send = span({
  spanId: "send",
  parentSpanId: "ord",
  service: "orders",
  kind: "producer",
  durationMs: 8,
  startTime: 60,
  attributes: { "rpc.system": "aws-api", "rpc.service": "SQS", "messaging.destination.name": "order-events" },
});
const worker = span({
  spanId: "work",
  parentSpanId: "send",
  service: "order-worker",
  kind: "consumer",
  origin: "AWS::Lambda::Function",
  durationMs: 30,
  startTime: 80,
});
const payment = span({
  spanId: "pay",
  parentSpanId: "ord",
  service: "orders",
  kind: "client",
  durationMs: 10_000,
  startTime: 20,
  status: "fault",
  attributes: { "http.request.method": "POST", "url.full": "https://api.payments-provider.example/v1/charges" },
});

describe("buildServiceGraph", () => {
  const graph = buildServiceGraph([gateway, callOrders, orders, sql, send, worker, payment]);
  const node = (name: string) => graph.nodes.find((n) => n.name === name);
  const edge = (s: string, t: string) => graph.edges.find((e) => e.source === s && e.target === t);

  it("has a node per instrumented service, typed by origin", () => {
    expect(node("checkout-api")?.type).toBe("api-gateway");
    expect(node("orders")?.type).toBe("container");
    expect(node("order-worker")?.type).toBe("lambda");
    expect(node(CLIENT_NODE)?.type).toBe("client");
  });

  it("infers uninstrumented callees: database, queue, third-party host", () => {
    expect(node("orders@orders-db.cluster-x.rds.amazonaws.com")?.type).toBe("database");
    expect(node("order-events")?.type).toBe("queue");
    expect(node("api.payments-provider.example")?.type).toBe("external");
  });

  it("draws caller → callee edges, through the queue for async consumers", () => {
    expect(edge(CLIENT_NODE, "checkout-api")?.stats.requests).toBe(1);
    expect(edge("checkout-api", "orders")?.stats).toMatchObject({ requests: 1, faults: 0, avgMs: 100 });
    expect(edge("orders", "order-events")).toBeDefined();
    expect(edge("order-events", "order-worker")?.stats.requests).toBe(1);
    expect(edge("orders", "order-worker")).toBeUndefined();
    expect(edge("orders", "api.payments-provider.example")?.stats).toMatchObject({ faults: 1, p99Ms: 10_000 });
  });

  it("counts the requests each service served, with its own status", () => {
    expect(node("orders")?.stats).toMatchObject({ requests: 1, faults: 1, errors: 0, avgMs: 90 });
    expect(node("checkout-api")?.stats.requests).toBe(1);
  });

  it("computes average and p99 over many requests", () => {
    const spans = Array.from({ length: 100 }, (_, i) =>
      span({ spanId: `r${i}`, traceId: `t${i}`, service: "api", durationMs: i + 1, status: i < 3 ? "throttle" : "ok" }),
    );
    const g = buildServiceGraph(spans);
    const api = g.nodes.find((n) => n.name === "api")!;
    expect(api.stats).toMatchObject({ requests: 100, throttles: 3, avgMs: 50.5, p99Ms: 99 });
  });

  it("orders durations as numbers, whatever order the spans come in", () => {
    // As text, 1000 < 200 < 30 < 4: a p99 taken from a text sort would be 4.
    const durations = [30, 1000, 4, 200, 55];
    const spans = durations.map((d, i) => span({ spanId: `s${i}`, traceId: `t${i}`, service: "api", durationMs: d }));
    const api = buildServiceGraph(spans).nodes.find((n) => n.name === "api")!;
    expect(api.stats).toMatchObject({ requests: 5, avgMs: 257.8, p99Ms: 1000 });
  });
});
