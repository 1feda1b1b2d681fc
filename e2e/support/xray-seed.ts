/**
 * Seeds the AWS test server with test spans as X-Ray would hold them: server spans as segments
 * (named by service, parent_id across services), client spans as `remote` subsegments of their
 * caller's segment, and log lines as JSON in one log group per service.
 */
import { expect } from "@playwright/test";
import { AWS_CONTROL_PORT } from "./ports";
import type { TestLog, TestSpan } from "./otlp-json";

const control = `http://127.0.0.1:${AWS_CONTROL_PORT}`;
const LOG_GROUP_PREFIX = "/sightline-e2e/";

const xrayId = (hex: string) => `1-${hex.slice(0, 8)}-${hex.slice(8)}`;
const seconds = (ms: number) => ms / 1000;

function statusFlags(span: TestSpan) {
  const status = Number(span.attributes?.["http.response.status_code"] ?? 0);
  return {
    fault: status >= 500 || (!status && span.statusCode === 2) ? true : undefined,
    error: status >= 400 && status < 500 ? true : undefined,
    http: status ? { request: { method: span.attributes?.["http.request.method"], url: span.attributes?.["url.full"] }, response: { status } } : undefined,
  };
}

function subsegment(span: TestSpan) {
  const a = span.attributes ?? {};
  return {
    id: span.spanId,
    name: span.name,
    start_time: seconds(span.startMs),
    end_time: seconds(span.endMs),
    namespace: "remote",
    ...(a["db.system"] ? { sql: { url: `${a["server.address"]}/${a["db.name"]}`, sanitized_query: a["db.statement"], database_type: a["db.system"] } } : {}),
  };
}

export function toSegments(spans: TestSpan[]): object[] {
  const clientsByParent = new Map<string, TestSpan[]>();
  for (const s of spans) if (s.kind === 3 && s.parentSpanId) clientsByParent.set(s.parentSpanId, [...(clientsByParent.get(s.parentSpanId) ?? []), s]);
  return spans
    .filter((s) => s.kind !== 3)
    .map((s) => ({
      id: s.spanId,
      trace_id: xrayId(s.traceId),
      name: s.service,
      start_time: seconds(s.startMs),
      end_time: seconds(s.endMs),
      origin: "AWS::ECS::Container",
      ...(s.parentSpanId ? { parent_id: s.parentSpanId } : {}),
      ...statusFlags(s),
      subsegments: (clientsByParent.get(s.spanId) ?? []).map(subsegment),
    }));
}

async function post(control: string, path: string, body: unknown) {
  const res = await fetch(`${control}${path}`, { method: "POST", body: JSON.stringify(body) });
  expect(res.status, `control ${path}`).toBe(204);
}

export interface SeedOptions {
  /** The test server's control API; default the e2e one. */
  control?: string;
  /** The log group of a service's lines; default `/sightline-e2e/<service>`. */
  logGroupOf?: (service: string) => string;
  /** A last touch to each segment document (e.g. making a service a Lambda function). */
  adjustSegment?: (document: object) => object;
  /** The AWS account of a log group (a linked source account's); default the test server's own. */
  accountOfGroup?: (group: string) => string | undefined;
}

/** Stores the spans as X-Ray segments and the log lines as JSON events in the AWS test server. */
export async function seedInAws(spans: TestSpan[], logs: TestLog[], options: SeedOptions = {}): Promise<void> {
  const target = options.control ?? control;
  const groupOf = options.logGroupOf ?? ((service: string) => `${LOG_GROUP_PREFIX}${service}`);
  const adjust = options.adjustSegment ?? ((d: object) => d);
  await post(target, "/segments", toSegments(spans).map(adjust));
  const byGroup = new Map<string, TestLog[]>();
  for (const l of logs) byGroup.set(groupOf(l.service), [...(byGroup.get(groupOf(l.service)) ?? []), l]);
  for (const [group, lines] of byGroup) {
    const account = options.accountOfGroup?.(group);
    await post(target, "/logs", {
      group,
      ...(account ? { account } : {}),
      stream: "app",
      events: lines.map((l) => ({
        timestamp: Math.floor(l.timeMs),
        message: JSON.stringify({
          level: (l.severityNumber ?? 9) >= 17 ? "ERROR" : "INFO",
          message: l.body,
          service: l.service,
          traceId: l.traceId,
          spanId: l.spanId,
        }),
      })),
    });
  }
}
