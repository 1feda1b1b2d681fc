/**
 * Seeds the AWS test server as a CloudWatch Transaction Search account holds a trace: every span
 * as one OpenTelemetry JSON record in the `aws/spans` log group (no X-Ray segments), and the log
 * lines as JSON in one log group per service, as xray-seed.ts writes them.
 */
import { expect } from "@playwright/test";
import { AWS_CONTROL_PORT } from "./ports";
import type { TestLog, TestSpan } from "./otlp-json";
import { seedInAws } from "./xray-seed";

const control = `http://127.0.0.1:${AWS_CONTROL_PORT}`;
const KINDS = ["UNSPECIFIED", "INTERNAL", "SERVER", "CLIENT", "PRODUCER", "CONSUMER"];
const nanos = (ms: number) => Math.round(ms * 1e6);

/** A TestSpan as the record Transaction Search stores in `aws/spans`. */
function toSpanRecord(span: TestSpan): object {
  return {
    resource: { attributes: { "service.name": span.service, "cloud.provider": "aws", "cloud.platform": "aws_ecs", ...span.resource } },
    scope: { name: "io.opentelemetry.http", version: "1.32.0" },
    traceId: span.traceId,
    spanId: span.spanId,
    ...(span.parentSpanId ? { parentSpanId: span.parentSpanId } : {}),
    flags: 256,
    name: span.name,
    kind: KINDS[span.kind ?? 1],
    startTimeUnixNano: nanos(span.startMs),
    endTimeUnixNano: nanos(span.endMs),
    durationNano: nanos(span.endMs) - nanos(span.startMs),
    attributes: span.attributes ?? {},
    status: { code: span.statusCode === 2 ? "ERROR" : "UNSET" },
    events: (span.events ?? []).map((e) => ({ name: e.name, timeUnixNano: nanos(e.timeMs), attributes: e.attributes ?? {} })),
  };
}

/** Stores the spans in `aws/spans` only (X-Ray has none of them) and the log lines in their groups. */
export async function seedInTransactionSearch(spans: TestSpan[], logs: TestLog[]): Promise<void> {
  const res = await fetch(`${control}/spans`, { method: "POST", body: JSON.stringify(spans.map(toSpanRecord)) });
  expect(res.status, "control /spans").toBe(204);
  await seedInAws([], logs);
}
