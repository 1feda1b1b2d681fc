/**
 * A small trace whose answers are known by hand:
 *
 *   gw      edge-api     0 ─────────────────────────── 1000 ms
 *   auth    auth-svc       10 ──── 400                          (overlaps orders: off the critical path)
 *   orders  orders-svc        120 ─────────────────── 900
 *   select  orders-svc          130 ── 300                      (a database call)
 *   charge  payment-svc                310 ────────── 880       (fault 503)
 *   audit   audit-svc                                  905 ─ 990
 *
 * Critical path (backward walk from the root's end): audit, orders, charge, select, gw.
 */
import type { APIRequestContext } from "@playwright/test";
import { expect } from "@playwright/test";
import { logsRequest, randomHex, tracesRequest, xrayStyleTraceId, type TestLog, type TestSpan } from "./otlp-json";

export interface KnownTrace {
  traceId: string;
  ids: Record<"gw" | "auth" | "orders" | "select" | "charge" | "audit", string>;
  criticalPath: string[];
  spans: TestSpan[];
  logs: TestLog[];
}

export function buildKnownTrace(start = Date.now() - 20 * 60_000): KnownTrace {
  const traceId = xrayStyleTraceId(start);
  const ids = { gw: randomHex(8), auth: randomHex(8), orders: randomHex(8), select: randomHex(8), charge: randomHex(8), audit: randomHex(8) };
  const at = (ms: number) => start + ms;
  const spans: TestSpan[] = [
    {
      traceId,
      spanId: ids.gw,
      service: "edge-api",
      name: "POST /checkout",
      kind: 2,
      startMs: at(0),
      endMs: at(1000),
      attributes: { "http.response.status_code": 502, "http.request.method": "POST", "url.full": "https://shop.example/checkout" },
    },
    { traceId, spanId: ids.auth, parentSpanId: ids.gw, service: "auth-svc", name: "authorize", kind: 2, startMs: at(10), endMs: at(400) },
    { traceId, spanId: ids.orders, parentSpanId: ids.gw, service: "orders-svc", name: "create order", kind: 2, startMs: at(120), endMs: at(900) },
    {
      traceId,
      spanId: ids.select,
      parentSpanId: ids.orders,
      service: "orders-svc",
      name: "SELECT orders",
      kind: 3,
      startMs: at(130),
      endMs: at(300),
      attributes: {
        "db.system": "postgresql",
        "db.name": "shop",
        "server.address": "shop-db.cluster-x.rds.amazonaws.com",
        "db.statement": "SELECT * FROM orders WHERE id = $1",
      },
    },
    {
      traceId,
      spanId: ids.charge,
      parentSpanId: ids.orders,
      service: "payment-svc",
      name: "POST /charge-card",
      kind: 2,
      startMs: at(310),
      endMs: at(880),
      statusCode: 2,
      attributes: { "http.response.status_code": 503, "http.request.method": "POST", "url.full": "https://payments.internal/charge-card" },
    },
    { traceId, spanId: ids.audit, parentSpanId: ids.gw, service: "audit-svc", name: "record audit", kind: 2, startMs: at(905), endMs: at(990) },
  ];
  const logs: TestLog[] = [
    { service: "edge-api", timeMs: at(1), body: "checkout received", traceId, spanId: ids.gw },
    { service: "auth-svc", timeMs: at(50), body: "token verified for customer c-42", traceId, spanId: ids.auth },
    { service: "payment-svc", timeMs: at(320), body: "charging card ending 4242", traceId, spanId: ids.charge },
    { service: "payment-svc", timeMs: at(870), severityNumber: 17, body: "card network unavailable: 503 from acquirer", traceId, spanId: ids.charge },
    { service: "audit-svc", timeMs: at(950), body: "audit entry written", traceId, spanId: ids.audit },
  ];
  return { traceId, ids, criticalPath: [ids.gw, ids.orders, ids.select, ids.charge, ids.audit], spans, logs };
}

/** Sends the known trace through the app's OTLP ingest (local source). */
export async function ingestKnownTrace(request: APIRequestContext): Promise<KnownTrace> {
  const known = buildKnownTrace();
  expect((await request.post("/v1/traces", { data: tracesRequest(known.spans) })).status()).toBe(200);
  expect((await request.post("/v1/logs", { data: logsRequest(known.logs) })).status()).toBe(200);
  return known;
}
