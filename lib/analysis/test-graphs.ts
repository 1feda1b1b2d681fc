/** Service graphs for the map layout tests (service-map-dagre, service-map-elk). */
import type { ServiceGraph, Span } from "../model";
import { span } from "./test-spans";

/**
 * An API Gateway stage in front of checkout-api, which calls orders; orders queries a PostgreSQL
 * database `shop` (at `dbHost`, if given) and POSTs to a payment provider (throttled).
 */
export function checkoutSpans(dbHost?: string): Span[] {
  return [
    span({ spanId: "gw", service: "checkout-api", kind: "server", origin: "AWS::ApiGateway::Stage", durationMs: 120 }),
    span({ spanId: "call", parentSpanId: "gw", service: "checkout-api", kind: "client", durationMs: 100, startTime: 5 }),
    span({ spanId: "ord", parentSpanId: "call", service: "orders", kind: "server", durationMs: 90, startTime: 6, status: "fault" }),
    span({
      spanId: "sql",
      parentSpanId: "ord",
      service: "orders",
      kind: "client",
      durationMs: 40,
      startTime: 10,
      attributes: { "db.system": "postgresql", "db.name": "shop", ...(dbHost ? { "server.address": dbHost } : {}) },
    }),
    span({
      spanId: "pay",
      parentSpanId: "ord",
      service: "orders",
      kind: "client",
      durationMs: 50,
      startTime: 12,
      status: "throttle",
      attributes: { "http.request.method": "POST", "url.full": "https://api.payments-provider.example/v1/charges" },
    }),
  ];
}

/** One request of 5 ms, no error: the figures of every node and edge of graphOf. */
const stats = { requests: 1, errors: 0, faults: 0, throttles: 0, avgMs: 5, p99Ms: 5 };

/** A graph of services `names` (in that order) and the calls between them. */
export const graphOf = (names: string[], calls: [string, string][]): ServiceGraph => ({
  nodes: names.map((name) => ({ id: name, name, type: "service" as const, stats })),
  edges: calls.map(([source, target]) => ({ source, target, stats })),
});

/** client → api → {orders, users, cache}, orders → db, users → db: a layout that depends on the order nodes and edges come in, unless made not to. */
export const ORDER_SENSITIVE: { names: string[]; calls: [string, string][] } = {
  names: ["client", "api", "orders", "users", "cache", "db"],
  calls: [
    ["client", "api"],
    ["api", "orders"],
    ["api", "users"],
    ["api", "cache"],
    ["orders", "db"],
    ["users", "db"],
  ],
};
