import { describe, expect, it } from "vitest";
import type { ServiceEdge, ServiceGraph, ServiceStats } from "../model";
import { dependencyBreakdown } from "./dependency-breakdown";

const stats = (requests: number, faults: number, p99Ms: number, throttles = 0): ServiceStats => ({
  requests,
  errors: 0,
  faults,
  throttles,
  avgMs: p99Ms / 2,
  p99Ms,
});
const edge = (source: string, target: string, s: ServiceStats): ServiceEdge => ({ source, target, stats: s });
const graph = (edges: ServiceEdge[]): ServiceGraph => ({
  nodes: [...new Set(edges.flatMap((e) => [e.source, e.target]))].map((name) => ({ id: name, name, type: "service", stats: stats(0, 0, 0) })),
  edges,
});

describe("dependencyBreakdown", () => {
  const baseline = graph([
    edge("client", "checkout", stats(1000, 10, 300)),
    edge("checkout", "orders", stats(1000, 10, 250)),
    edge("orders", "payments.example", stats(600, 6, 400)),
    edge("orders", "aurora", stats(1200, 0, 30)),
    edge("worker", "dynamodb", stats(500, 0, 20)),
  ]);
  const now = graph([
    edge("client", "checkout", stats(1000, 200, 9000)),
    edge("checkout", "orders", stats(1000, 190, 9000)),
    edge("orders", "payments.example", stats(600, 180, 10_000)),
    edge("orders", "aurora", stats(1200, 0, 900)),
    edge("orders", "order-events", stats(400, 0, 10)),
    edge("order-events", "worker", stats(400, 0, 50)),
    edge("worker", "dynamodb", stats(500, 0, 20, 60)),
    edge("elsewhere", "unrelated-db", stats(50, 50, 10)),
  ]);
  const rows = dependencyBreakdown("checkout", now, baseline);

  it("covers the service's calls and every call below it, not the rest of the graph", () => {
    expect(rows.map((r) => `${r.caller}→${r.dependency}`).sort()).toEqual(
      ["checkout→orders", "order-events→worker", "orders→aurora", "orders→order-events", "orders→payments.example", "worker→dynamodb"].sort(),
    );
    expect(rows.find((r) => r.dependency === "dynamodb")?.depth).toBe(4);
  });

  it("ranks the dependency that got worst first, two hops away", () => {
    expect(rows[0].dependency).toBe("payments.example");
    expect(rows[0].failureRate).toBeCloseTo(0.3);
    expect(rows[0].baselineFailureRate).toBeCloseTo(0.01);
  });

  it("ranks a latency rise and new throttling above calls that did not change", () => {
    const order = rows.map((r) => r.dependency);
    expect(order.indexOf("aurora")).toBeLessThan(order.indexOf("order-events"));
    expect(order.indexOf("dynamodb")).toBeLessThan(order.indexOf("worker"));
    expect(rows.find((r) => r.dependency === "order-events")?.baseline).toBeNull();
  });

  it("ranks the origin of the failures above the services that pass them on", () => {
    const passOn = dependencyBreakdown(
      "checkout",
      graph([
        edge("checkout", "orders", stats(1000, 300, 10_100)),
        edge("orders", "payments.example", stats(600, 300, 10_000)),
        edge("orders", "aurora", stats(1200, 0, 30)),
      ]),
      graph([
        edge("checkout", "orders", stats(1000, 10, 300)),
        edge("orders", "payments.example", stats(600, 10, 300)),
        edge("orders", "aurora", stats(1200, 0, 30)),
      ]),
    );
    expect(passOn.map((r) => r.dependency)).toEqual(["payments.example", "orders", "aurora"]);
    expect(passOn[1].explainedBy).toBe("payments.example");
    expect(passOn[0].explainedBy).toBeNull();
  });

  it("is empty for a service that calls nothing", () => {
    expect(dependencyBreakdown("payments.example", now, baseline)).toEqual([]);
  });
});
