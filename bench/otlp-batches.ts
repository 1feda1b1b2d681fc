/** Realistic OTLP protobuf export requests for benchmarks: 512 spans, 16 traces of 32 spans, ~10 attributes each. */
import { randomBytes } from "node:crypto";
import { ExportTraceServiceRequest } from "../lib/sources/local/otlp/proto-schema";

export const SPANS_PER_BATCH = 512;
const SPANS_PER_TRACE = 32;

const kv = (key: string, value: string | number) => ({
  key,
  value: typeof value === "string" ? { stringValue: value } : { intValue: value },
});

export interface EncodedBatch {
  body: Uint8Array<ArrayBuffer>;
  traceIds: string[];
}

export function encodeBatch(startMs: number): EncodedBatch {
  const traceIds: string[] = [];
  const services = new Map<string, object[]>();
  for (let t = 0; t < SPANS_PER_BATCH / SPANS_PER_TRACE; t++) {
    const traceHex =
      Math.floor(startMs / 1000)
        .toString(16)
        .padStart(8, "0") + randomBytes(12).toString("hex");
    traceIds.push(traceHex);
    const traceId = Buffer.from(traceHex, "hex");
    const root = randomBytes(8);
    for (let i = 0; i < SPANS_PER_TRACE; i++) {
      const service = `service-${i % 4}`;
      const startNs = BigInt(Math.round((startMs + i * 2) * 1e6));
      const span = {
        traceId,
        spanId: i === 0 ? root : randomBytes(8),
        parentSpanId: i === 0 ? Buffer.alloc(0) : root,
        name: i === 0 ? "POST /orders" : `SELECT orders ${i}`,
        kind: i === 0 ? 2 : 3,
        startTimeUnixNano: startNs.toString(),
        endTimeUnixNano: (startNs + 1_500_000n).toString(),
        attributes: [
          kv("http.request.method", "POST"),
          kv("http.route", "/orders/{id}"),
          kv("http.response.status_code", 200),
          kv("url.path", "/orders/8812"),
          kv("db.system", "postgresql"),
          kv("db.statement", "SELECT * FROM orders WHERE customer_id = $1"),
          kv("server.address", "orders-db.cluster-c9akciq32.us-east-1.rds.amazonaws.com"),
          kv("net.peer.port", 5432),
          kv("aws.region", "us-east-1"),
          kv("app.order_id", `ord-${i}`),
        ],
        status: { code: 0 },
      };
      const list = services.get(service) ?? [];
      list.push(span);
      services.set(service, list);
    }
  }
  const message = ExportTraceServiceRequest.fromObject({
    resourceSpans: [...services].map(([service, spans]) => ({
      resource: { attributes: [kv("service.name", service), kv("cloud.platform", "aws_ecs"), kv("cloud.region", "us-east-1")] },
      scopeSpans: [{ scope: { name: "bench" }, spans }],
    })),
  });
  return { body: new Uint8Array(ExportTraceServiceRequest.encode(message).finish()), traceIds };
}
