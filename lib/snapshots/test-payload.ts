/** A small, valid snapshot payload for the snapshot tests. */
import type { Span } from "../model";
import type { NewSnapshot, SnapshotPayload } from "./snapshot";

export const TRACE_ID = "5f3a3e1289b4a5c6d7e8f90123456789";
const T0 = Date.UTC(2026, 10, 21, 2, 47);

function span(spanId: string, parentSpanId: string | null, service: string, start: number, end: number): Span {
  return {
    traceId: TRACE_ID,
    spanId,
    parentSpanId,
    service,
    name: `${service} work`,
    kind: "server",
    startTime: T0 + start,
    endTime: T0 + end,
    durationMs: end - start,
    status: "ok",
    statusMessage: null,
    httpStatus: 200,
    origin: null,
    attributes: { "http.route": "/checkout", nested: { tags: ["a", 1, true, null] } },
    resource: { "service.name": service },
    events: [],
    links: [],
  };
}

export function testPayload(): SnapshotPayload {
  const spans = [span("aaaaaaaaaaaaaaaa", null, "edge-api", 0, 100), span("bbbbbbbbbbbbbbbb", "aaaaaaaaaaaaaaaa", "orders", 10, 90)];
  return {
    trace: {
      traceId: TRACE_ID,
      xrayTraceId: `1-${TRACE_ID.slice(0, 8)}-${TRACE_ID.slice(8)}`,
      startTime: T0,
      endTime: T0 + 100,
      durationMs: 100,
      spans,
      services: ["edge-api", "orders"],
    },
    logs: {
      status: "complete",
      events: [
        {
          id: "1",
          timestamp: T0 + 20,
          message: "order created",
          level: "info",
          service: "orders",
          traceId: TRACE_ID,
          spanId: "bbbbbbbbbbbbbbbb",
          logGroup: null,
          fields: { orderId: "o-1" },
        },
      ],
    },
    serviceGraph: { nodes: [], edges: [] },
  };
}

export function testSnapshot(overrides: Partial<NewSnapshot> = {}): NewSnapshot {
  return { title: "edge-api POST /checkout", note: "", createdAt: T0 + 60_000, source: "local", capturedBy: null, payload: testPayload(), ...overrides };
}
