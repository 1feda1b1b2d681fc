import { describe, expect, it } from "vitest";
import type { ServiceGraph } from "../model";
import { edgeKey, neighbourhood } from "./service-map-focus";

const stats = { requests: 1, errors: 0, faults: 0, throttles: 0, avgMs: 1, p99Ms: 1 };
const graph: ServiceGraph = {
  nodes: ["client", "api", "orders", "db", "worker"].map((name) => ({ id: name, name, type: "service", stats })),
  edges: [
    { source: "client", target: "api", stats },
    { source: "api", target: "orders", stats },
    { source: "orders", target: "db", stats },
    { source: "worker", target: "db", stats },
  ],
};

describe("neighbourhood", () => {
  it("keeps the service, its callers and callees, and the edges between them", () => {
    const n = neighbourhood(graph, "orders")!;
    expect([...n.nodes].sort()).toEqual(["api", "db", "orders"]);
    expect([...n.edges].sort()).toEqual([edgeKey({ source: "api", target: "orders" }), edgeKey({ source: "orders", target: "db" })].sort());
  });

  it("reaches everything below the service in downstream mode, and its callers", () => {
    const n = neighbourhood(graph, "api", "downstream")!;
    expect([...n.nodes].sort()).toEqual(["api", "client", "db", "orders"]);
    expect(n.edges.has(edgeKey({ source: "orders", target: "db" }))).toBe(true);
    expect(n.edges.has(edgeKey({ source: "worker", target: "db" }))).toBe(false);
    expect([...neighbourhood(graph, "api")!.nodes].sort()).toEqual(["api", "client", "orders"]);
  });

  it("is null without a selection, or for a service that is not on the map", () => {
    expect(neighbourhood(graph, null)).toBeNull();
    expect(neighbourhood(graph, "billing")).toBeNull();
  });

  it("keys edges unambiguously", () => {
    expect(edgeKey({ source: "a,b", target: "c" })).not.toBe(edgeKey({ source: "a", target: "b,c" }));
  });
});
