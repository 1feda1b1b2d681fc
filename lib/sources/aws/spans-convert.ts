/**
 * CloudWatch Transaction Search's span records (the `aws/spans` log group) → the model.
 *
 * Each log event of `aws/spans` is one span as OpenTelemetry JSON with flattened attribute maps
 * (CloudWatch user guide, "Transaction Search" and "Spans"; X-Ray segments are converted to this
 * semantic-convention form, with W3C trace IDs, before they are stored):
 *
 *   { "resource": { "attributes": { "service.name": "checkout", "cloud.platform": "aws_lambda", … } },
 *     "scope": { "name": "…", "version": "…" },
 *     "traceId": "<32 hex>", "spanId": "<16 hex>", "parentSpanId": "<16 hex>", "flags": 256,
 *     "name": "GET /cart", "kind": "SERVER",
 *     "startTimeUnixNano": 1733…, "endTimeUnixNano": 1733…, "durationNano": 1234567,
 *     "attributes": { "http.request.method": "GET", "http.response.status_code": 200, … },
 *     "status": { "code": "UNSET" | "OK" | "ERROR", "message": "…" },
 *     "events": [{ "name": "exception", "timeUnixNano": 1733…, "attributes": { … } }],
 *     "links": [{ "traceId": "…", "spanId": "…", "attributes": { … } }] }
 *
 * Read leniently, as the OTLP/JSON exporters write the same fields: `kind` as a name
 * (`SERVER`, `SPAN_KIND_SERVER`) or the OTLP number; times as numbers or decimal strings;
 * attributes as a flat object or as OTLP's `[{ key, value: { stringValue } }]` list; a root's
 * `parentSpanId` absent or empty. A record that is not a span of this trace is skipped with a
 * warning. Nanosecond numbers beyond 2^53 lose a fraction of a microsecond in JSON.parse; times
 * are kept to the microsecond.
 */
import type { AttributeValue, Attributes, Span, SpanEvent, SpanKind, SpanLink, Trace } from "../../model";
import { type JsonRecord, arrayAt, isRecord, recordAt, stringAt, toAttributeValue, toAttributes } from "../../json-value";
import { isSpanId } from "../../trace-id";
import { originFromResource } from "../local/otlp/origin";
import { httpStatusOf, isThrottleError, spanStatus } from "../local/otlp/span-status";
import { UNKNOWN_SERVICE } from "./segments-to-spans";
import { sortSpans } from "./sort-spans";
import { durationMs } from "./xray-time";

export interface SpansConversion {
  trace: Trace | null;
  /** Records skipped, and why. */
  warnings: string[];
}

const KIND_BY_NAME: Readonly<Record<string, SpanKind>> = {
  INTERNAL: "internal",
  SERVER: "server",
  CLIENT: "client",
  PRODUCER: "producer",
  CONSUMER: "consumer",
};
/** Indexed by the OTLP SpanKind number (0 unspecified). */
const KIND_BY_NUMBER: readonly SpanKind[] = ["internal", "internal", "server", "client", "producer", "consumer"];

function kindOf(value: unknown): SpanKind {
  if (typeof value === "number") return KIND_BY_NUMBER[value] ?? "internal";
  if (typeof value !== "string") return "internal";
  return KIND_BY_NAME[value.toUpperCase().replace(/^SPAN_KIND_/, "")] ?? "internal";
}

/** OTLP StatusCode: 2 (ERROR) from `"ERROR"`, `"STATUS_CODE_ERROR"` or 2. */
function statusCodeOf(status: JsonRecord | null): number {
  const code = status?.code;
  if (code === 2) return 2;
  return typeof code === "string" && code.toUpperCase().replace(/^STATUS_CODE_/, "") === "ERROR" ? 2 : 0;
}

const DECIMAL_NANOS = /^\d{1,25}$/;

/** Epoch nanoseconds (number or decimal string) → epoch milliseconds, to the microsecond; null when absent or invalid. */
export function nanosToMs(value: unknown): number | null {
  if (typeof value === "number") return Number.isFinite(value) && value >= 0 ? Math.round(value / 1e3) / 1e3 : null;
  if (typeof value === "string" && DECIMAL_NANOS.test(value)) {
    const micros = (BigInt(value) + 500n) / 1000n;
    return Number(micros) / 1e3;
  }
  return null;
}

/** OTLP/JSON AnyValue (`{ stringValue }`, `{ intValue }`, …) → an attribute value. */
function anyValue(value: unknown): AttributeValue {
  if (!isRecord(value)) return toAttributeValue(value);
  if ("stringValue" in value) return toAttributeValue(value.stringValue);
  if ("boolValue" in value) return toAttributeValue(value.boolValue);
  if ("intValue" in value) return typeof value.intValue === "string" ? Number(value.intValue) : toAttributeValue(value.intValue);
  if ("doubleValue" in value) return toAttributeValue(value.doubleValue);
  if ("arrayValue" in value) return arrayAt(recordAt(value, "arrayValue") ?? {}, "values").map(anyValue);
  if ("kvlistValue" in value) return attributesOf(arrayAt(recordAt(value, "kvlistValue") ?? {}, "values"));
  return toAttributeValue(value);
}

/** A flat attribute object, or OTLP/JSON's list of `{ key, value }`. */
function attributesOf(value: unknown): Attributes {
  if (isRecord(value)) return toAttributes(value);
  if (!Array.isArray(value)) return {};
  const out: Attributes = {};
  for (const item of value) {
    if (!isRecord(item) || typeof item.key !== "string") continue;
    const v = anyValue(item.value);
    if (item.key === "__proto__") Object.defineProperty(out, item.key, { value: v, enumerable: true, writable: true, configurable: true });
    else out[item.key] = v;
  }
  return out;
}

function serviceOf(resource: Attributes, attributes: Attributes): string {
  const named = resource["service.name"];
  if (typeof named === "string" && named !== "" && !named.startsWith("unknown_service")) return named;
  const local = attributes["aws.local.service"] ?? resource["aws.local.service"];
  if (typeof local === "string" && local !== "") return local;
  return typeof named === "string" && named !== "" ? named : UNKNOWN_SERVICE;
}

function eventsOf(record: JsonRecord, fallbackMs: number): SpanEvent[] {
  return arrayAt(record, "events").flatMap((event) => {
    if (!isRecord(event)) return [];
    return [{ name: stringAt(event, "name") ?? "event", timestamp: nanosToMs(event.timeUnixNano) ?? fallbackMs, attributes: attributesOf(event.attributes) }];
  });
}

function linksOf(record: JsonRecord): SpanLink[] {
  return arrayAt(record, "links").flatMap((link) => {
    if (!isRecord(link)) return [];
    const traceId = stringAt(link, "traceId")?.toLowerCase();
    const spanId = stringAt(link, "spanId")?.toLowerCase();
    return traceId && spanId ? [{ traceId, spanId, attributes: attributesOf(link.attributes) }] : [];
  });
}

/** One span record → a Span of trace `traceHex`; a string saying why not when it is not one. */
export function spanFromRecord(record: unknown, traceHex: string): Span | string {
  if (!isRecord(record)) return "not a JSON object";
  const traceId = stringAt(record, "traceId")?.toLowerCase();
  if (traceId !== traceHex) return `traceId ${JSON.stringify(traceId ?? null)} is not ${traceHex}`;
  const spanId = stringAt(record, "spanId")?.toLowerCase() ?? "";
  if (!isSpanId(spanId)) return `spanId ${JSON.stringify(spanId)} is not 16 hex digits`;
  const parent = stringAt(record, "parentSpanId")?.toLowerCase() ?? null;
  const parentSpanId = parent !== null && isSpanId(parent) ? parent : null;
  const startTime = nanosToMs(record.startTimeUnixNano);
  if (startTime === null) return `span ${spanId}: no startTimeUnixNano`;
  const duration = nanosToMs(record.durationNano);
  const endTime = Math.max(startTime, nanosToMs(record.endTimeUnixNano) ?? (duration !== null ? Math.round((startTime + duration) * 1e3) / 1e3 : startTime));

  const attributes = attributesOf(record.attributes);
  const resource = attributesOf(recordAt(record, "resource")?.attributes);
  const status = recordAt(record, "status");
  const httpStatus = httpStatusOf(attributes);
  return {
    traceId: traceHex,
    spanId,
    parentSpanId: parentSpanId === spanId ? null : parentSpanId,
    service: serviceOf(resource, attributes),
    name: stringAt(record, "name") ?? "unknown",
    kind: kindOf(record.kind),
    startTime,
    endTime,
    durationMs: durationMs(startTime, endTime),
    status: spanStatus(httpStatus, statusCodeOf(status), isThrottleError(attributes)),
    statusMessage: (status && stringAt(status, "message")) ?? null,
    httpStatus,
    origin: originFromResource(resource),
    attributes,
    resource,
    events: eventsOf(record, endTime),
    links: linksOf(record),
  };
}

/**
 * The span records of one trace (parsed JSON, or the `@message` texts) → the Trace; null when
 * none is a span of it. A span ID seen twice (a record delivered twice) is kept once.
 */
export function spanRecordsToTrace(traceHex: string, xrayTraceId: string, records: readonly unknown[]): SpansConversion {
  const warnings: string[] = [];
  const byId = new Map<string, Span>();
  records.forEach((raw, i) => {
    let record = raw;
    if (typeof raw === "string") {
      try {
        record = JSON.parse(raw);
      } catch {
        warnings.push(`record ${i}: not JSON, skipped`);
        return;
      }
    }
    const span = spanFromRecord(record, traceHex);
    if (typeof span === "string") warnings.push(`record ${i}: ${span}, skipped`);
    else if (!byId.has(span.spanId)) byId.set(span.spanId, span);
  });
  if (byId.size === 0) return { trace: null, warnings };
  const spans = sortSpans([...byId.values()]);
  let startTime = Infinity;
  let endTime = -Infinity;
  for (const span of spans) {
    startTime = Math.min(startTime, span.startTime);
    endTime = Math.max(endTime, span.endTime);
  }
  return {
    trace: {
      traceId: traceHex,
      xrayTraceId,
      startTime,
      endTime,
      durationMs: durationMs(startTime, endTime),
      spans,
      services: [...new Set(spans.map((s) => s.service))],
      store: "aws/spans",
    },
    warnings,
  };
}
