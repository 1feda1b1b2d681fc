/** A wide-and-deep trace of N spans with one log line per span, ingested over OTLP/JSON in chunks. */
import { expect, type APIRequestContext } from "@playwright/test";
import { logsRequest, randomHex, tracesRequest, xrayStyleTraceId, type TestLog, type TestSpan } from "./otlp-json";

export interface LargeTrace {
  traceId: string;
  /** Span IDs in depth-first (display) order. */
  order: string[];
}

export function buildLargeTrace(spanCount: number, start = Date.now() - 10 * 60_000): { traceId: string; spans: TestSpan[]; logs: TestLog[]; order: string[] } {
  const traceId = xrayStyleTraceId(start);
  const fanOut = Math.ceil(Math.sqrt(spanCount));
  const rootId = randomHex(8);
  const spans: TestSpan[] = [{ traceId, spanId: rootId, service: "gateway", name: "GET /big", kind: 2, startMs: start, endMs: start + spanCount }];
  const order = [rootId];
  let parent = rootId;
  for (let i = 1; i < spanCount; i++) {
    const spanId = randomHex(8);
    const isGroup = i % fanOut === 1;
    const s = start + i * 0.9;
    spans.push({
      traceId,
      spanId,
      parentSpanId: isGroup ? rootId : parent,
      service: `svc-${i % 7}`,
      name: `${isGroup ? "batch" : "step"} ${i}`,
      startMs: s,
      endMs: s + (isGroup ? fanOut : 0.5),
      kind: 1,
    });
    order.push(spanId);
    if (isGroup) parent = spanId;
  }
  const logs: TestLog[] = spans.map((sp) => ({ service: sp.service, timeMs: sp.startMs + 0.1, body: `work on ${sp.name}`, traceId, spanId: sp.spanId }));
  return { traceId, spans, logs, order };
}

export async function ingestLargeTrace(request: APIRequestContext, spanCount: number): Promise<LargeTrace> {
  const { traceId, spans, logs, order } = buildLargeTrace(spanCount);
  for (let i = 0; i < spans.length; i += 2500) {
    expect((await request.post("/v1/traces", { data: tracesRequest(spans.slice(i, i + 2500)) })).status()).toBe(200);
    expect((await request.post("/v1/logs", { data: logsRequest(logs.slice(i, i + 2500)) })).status()).toBe(200);
  }
  return { traceId, order };
}
