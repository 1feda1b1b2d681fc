/**
 * A Trace → an OTLP/JSON ExportTraceServiceRequest (what `POST /v1/traces` accepts with
 * `Content-Type: application/json`), so a trace can be carried to any OTLP backend, or back here.
 *
 * - Spans are grouped into one ResourceSpans per identical resource (attribute order ignored);
 *   a resource without `service.name` gets the span's service, so it survives re-ingestion.
 * - IDs are hex (OTLP/JSON), parentSpanId is "" for roots, kind is the SpanKind number.
 * - Times are nanoseconds as decimal strings, computed exactly from the model's fractional
 *   milliseconds at microsecond precision (never a float of the nanoseconds).
 * - Status: fault / error / throttle → ERROR (2) with the message; ok → UNSET (0).
 * - A known HTTP status that is not among the attributes is added as `http.response.status_code`,
 *   so that re-ingestion derives the same error / fault / throttle status.
 */
import type { AttributeValue, Attributes, Span, SpanKind, Trace } from "../model";

export type OtlpAnyValue =
  | { stringValue: string }
  | { boolValue: boolean }
  | { intValue: string }
  | { doubleValue: number | string }
  | { arrayValue: { values: OtlpAnyValue[] } }
  | { kvlistValue: { values: OtlpKeyValue[] } }
  | Record<string, never>;

interface OtlpKeyValue {
  key: string;
  value: OtlpAnyValue;
}

interface OtlpEvent {
  timeUnixNano: string;
  name: string;
  attributes: OtlpKeyValue[];
}

interface OtlpLink {
  traceId: string;
  spanId: string;
  attributes: OtlpKeyValue[];
}

interface OtlpStatus {
  code: 0 | 2;
  message?: string;
}

interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId: string;
  name: string;
  kind: number;
  startTimeUnixNano: string;
  endTimeUnixNano: string;
  attributes: OtlpKeyValue[];
  events: OtlpEvent[];
  links: OtlpLink[];
  status: OtlpStatus;
}

interface OtlpResourceSpans {
  resource: { attributes: OtlpKeyValue[] };
  scopeSpans: { scope: { name: string }; spans: OtlpSpan[] }[];
}

export interface OtlpTracesRequest {
  resourceSpans: OtlpResourceSpans[];
}

/** The instrumentation scope named on exported spans (Span has no scope of its own). */
const EXPORT_SCOPE = "sightline-export";

const KIND_NUMBER: Record<SpanKind, number> = { internal: 1, server: 2, client: 3, producer: 4, consumer: 5 };

/** OTLP Status.StatusCode. */
const STATUS_UNSET = 0;
const STATUS_ERROR = 2;

/** Epoch milliseconds (fractional) → nanoseconds as a decimal string, exact at µs precision. */
export function msToUnixNano(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return "0";
  return (BigInt(Math.round(ms * 1000)) * 1000n).toString();
}

export function toAnyValue(value: AttributeValue): OtlpAnyValue {
  if (value === null) return {};
  if (typeof value === "string") return { stringValue: value };
  if (typeof value === "boolean") return { boolValue: value };
  if (typeof value === "number") {
    if (Number.isSafeInteger(value)) return { intValue: String(value) };
    // NaN and ±Infinity have no JSON number: OTLP/JSON spells them as strings.
    return { doubleValue: Number.isFinite(value) ? value : String(value) };
  }
  if (Array.isArray(value)) return { arrayValue: { values: value.map(toAnyValue) } };
  return { kvlistValue: { values: toKeyValues(value) } };
}

function toKeyValues(attributes: Attributes): OtlpKeyValue[] {
  return Object.keys(attributes).map((key) => ({ key, value: toAnyValue(attributes[key]) }));
}

const HTTP_STATUS_KEYS = ["http.response.status_code", "http.status_code"];

function spanAttributes(span: Span): Attributes {
  if (span.httpStatus === null || HTTP_STATUS_KEYS.some((k) => Object.hasOwn(span.attributes, k))) return span.attributes;
  return { ...span.attributes, "http.response.status_code": span.httpStatus };
}

function toOtlpSpan(span: Span): OtlpSpan {
  const failed = span.status !== "ok";
  const status: OtlpStatus = failed ? { code: STATUS_ERROR, ...(span.statusMessage ? { message: span.statusMessage } : {}) } : { code: STATUS_UNSET };
  return {
    traceId: span.traceId,
    spanId: span.spanId,
    parentSpanId: span.parentSpanId ?? "",
    name: span.name,
    kind: KIND_NUMBER[span.kind] ?? KIND_NUMBER.internal,
    startTimeUnixNano: msToUnixNano(span.startTime),
    endTimeUnixNano: msToUnixNano(span.endTime),
    attributes: toKeyValues(spanAttributes(span)),
    events: span.events.map((e) => ({ timeUnixNano: msToUnixNano(e.timestamp), name: e.name, attributes: toKeyValues(e.attributes) })),
    links: span.links.map((l) => ({ traceId: l.traceId, spanId: l.spanId, attributes: toKeyValues(l.attributes) })),
    status,
  };
}

/** A JSON form of a value with object keys sorted at every level: equal resources, equal keys. */
function canonical(value: AttributeValue): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  return `{${Object.keys(value)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${canonical(value[k])}`)
    .join(",")}}`;
}

function resourceOf(span: Span): Attributes {
  const name = span.resource["service.name"];
  return typeof name === "string" && name !== "" ? span.resource : { "service.name": span.service, ...span.resource };
}

export function toOtlpJson(trace: Trace): OtlpTracesRequest {
  const groups = new Map<string, { resource: Attributes; spans: OtlpSpan[] }>();
  for (const span of trace.spans) {
    const resource = resourceOf(span);
    const key = canonical(resource);
    let group = groups.get(key);
    if (!group) {
      group = { resource, spans: [] };
      groups.set(key, group);
    }
    group.spans.push(toOtlpSpan(span));
  }
  return {
    resourceSpans: [...groups.values()].map((g) => ({
      resource: { attributes: toKeyValues(g.resource) },
      scopeSpans: [{ scope: { name: EXPORT_SCOPE }, spans: g.spans }],
    })),
  };
}

/** `trace-<hex>.otlp.json`. */
export function otlpFileName(traceIdHex: string): string {
  return `trace-${traceIdHex}.otlp.json`;
}
