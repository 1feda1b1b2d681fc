/** Builds OTLP/JSON export requests for known test data (the encoding any SDK can send). */
import { randomBytes } from "node:crypto";

export interface TestSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  service: string;
  name: string;
  startMs: number;
  endMs: number;
  kind?: number;
  statusCode?: number;
  attributes?: Record<string, string | number | boolean>;
  /** Resource attributes besides service.name (service.version, host.name…). */
  resource?: Record<string, string | number | boolean>;
  /** Span events, e.g. `{ name: "exception", timeMs, attributes: { "exception.type": … } }`. */
  events?: { name: string; timeMs: number; attributes?: Record<string, string | number | boolean> }[];
}

export interface TestLog {
  service: string;
  timeMs: number;
  body: string;
  traceId?: string;
  spanId?: string;
  severityNumber?: number;
}

export const randomHex = (bytes: number) => randomBytes(bytes).toString("hex");

/** An X-Ray-compatible trace ID whose first 8 hex digits are the given epoch second. */
export function xrayStyleTraceId(epochMs: number): string {
  return (
    Math.floor(epochMs / 1000)
      .toString(16)
      .padStart(8, "0") + randomHex(12)
  );
}

const nanos = (ms: number) => (BigInt(Math.round(ms * 1000)) * 1000n).toString();

function anyValue(v: string | number | boolean) {
  if (typeof v === "string") return { stringValue: v };
  if (typeof v === "boolean") return { boolValue: v };
  return Number.isInteger(v) ? { intValue: String(v) } : { doubleValue: v };
}

const attrs = (a: Record<string, string | number | boolean> = {}) => Object.entries(a).map(([key, value]) => ({ key, value: anyValue(value) }));

function byService<T extends { service: string }>(items: T[]): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const i of items) {
    const list = m.get(i.service);
    if (list) list.push(i);
    else m.set(i.service, [i]);
  }
  return m;
}

/** Spans grouped by emitting process: their service and resource attributes. */
function byResource(spans: TestSpan[]): Map<string, TestSpan[]> {
  const m = new Map<string, TestSpan[]>();
  for (const s of spans) {
    const key = JSON.stringify([s.service, s.resource ?? {}]);
    const list = m.get(key);
    if (list) list.push(s);
    else m.set(key, [s]);
  }
  return m;
}

export function tracesRequest(spans: TestSpan[]) {
  return {
    resourceSpans: [...byResource(spans).values()].map((list) => ({
      resource: { attributes: attrs({ ...list[0].resource, "service.name": list[0].service }) },
      scopeSpans: [
        {
          scope: { name: "sightline-e2e" },
          spans: list.map((s) => ({
            traceId: s.traceId,
            spanId: s.spanId,
            parentSpanId: s.parentSpanId ?? "",
            name: s.name,
            kind: s.kind ?? 1,
            startTimeUnixNano: nanos(s.startMs),
            endTimeUnixNano: nanos(s.endMs),
            attributes: attrs(s.attributes),
            events: (s.events ?? []).map((e) => ({ name: e.name, timeUnixNano: nanos(e.timeMs), attributes: attrs(e.attributes) })),
            status: { code: s.statusCode ?? 0 },
          })),
        },
      ],
    })),
  };
}

export function logsRequest(logs: TestLog[]) {
  return {
    resourceLogs: [...byService(logs)].map(([service, list]) => ({
      resource: { attributes: attrs({ "service.name": service }) },
      scopeLogs: [
        {
          scope: { name: "sightline-e2e" },
          logRecords: list.map((l) => ({
            timeUnixNano: nanos(l.timeMs),
            severityNumber: l.severityNumber ?? 9,
            body: { stringValue: l.body },
            traceId: l.traceId ?? "",
            spanId: l.spanId ?? "",
          })),
        },
      ],
    })),
  };
}
