/**
 * The protobuf decoder Sightline used before the wire reader (lib/sources/local/otlp/wire-reader.ts),
 * kept as the test oracle: protobufjs decodes the request into message objects (proto-schema.ts),
 * which are then converted to records. The differential test checks that the wire reader gives
 * the same records, and bench/decode-ab.ts compares their speed. Not used in production.
 */
import type { Long, Type } from "protobufjs";
import { MAX_VALUE_DEPTH, setAttribute } from "../lib/sources/local/otlp/attributes";
import { forEachIn, mapIn, OtlpDecodeError, rethrowIn, within } from "../lib/sources/local/otlp/errors";
import { optionalId, requiredId, SPAN_ID_BYTES, TRACE_ID_BYTES } from "../lib/sources/local/otlp/ids";
import { toLogRecord } from "../lib/sources/local/otlp/log-record";
import { fixed64NanosToMicros } from "../lib/sources/local/otlp/nanos";
import { ExportLogsServiceRequest, ExportTraceServiceRequest } from "../lib/sources/local/otlp/proto-schema";
import { resourceContext, type ResourceContext } from "../lib/sources/local/otlp/resource";
import { scopeRecord, toSpanRecord, type ScopeRecord } from "../lib/sources/local/otlp/span-record";
import type { AttributeValue, Attributes, SpanEvent, SpanLink } from "../lib/model";
import type { LogRecord, SpanRecord } from "../lib/sources/local/records";

/* The shapes protobufjs decodes proto-schema.ts's messages into (see that file's header). */
interface PbAnyValue {
  stringValue: string;
  boolValue: boolean;
  intValue: Long;
  doubleValue: number;
  arrayValue: { values: PbAnyValue[] } | null;
  kvlistValue: { values: PbKeyValue[] } | null;
  bytesValue: Uint8Array;
}
interface PbKeyValue {
  key: string;
  value: PbAnyValue | null;
}
interface PbResource {
  attributes: PbKeyValue[];
}
interface PbEvent {
  timeUnixNano: Long;
  name: string;
  attributes: PbKeyValue[];
}
interface PbLink {
  traceId: Uint8Array;
  spanId: Uint8Array;
  attributes: PbKeyValue[];
}
interface PbSpan {
  traceId: Uint8Array;
  spanId: Uint8Array;
  parentSpanId: Uint8Array;
  name: string;
  kind: number;
  startTimeUnixNano: Long;
  endTimeUnixNano: Long;
  attributes: PbKeyValue[];
  events: PbEvent[];
  links: PbLink[];
  status: { message: string; code: number } | null;
}
interface PbTraceRequest {
  resourceSpans: { resource: PbResource | null; scopeSpans: { scope: { name: string; version: string } | null; spans: PbSpan[] }[] }[];
}
interface PbLogRecord {
  timeUnixNano: Long;
  observedTimeUnixNano: Long;
  severityNumber: number;
  severityText: string;
  body: PbAnyValue | null;
  attributes: PbKeyValue[];
  traceId: Uint8Array;
  spanId: Uint8Array;
}
interface PbLogsRequest {
  resourceLogs: { resource: PbResource | null; scopeLogs: { logRecords: PbLogRecord[] }[] }[];
}

function decodeProtobuf<T>(type: Type, body: Uint8Array): T {
  const buffer = Buffer.isBuffer(body) ? body : Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  try {
    return type.decode(buffer) as T;
  } catch (err) {
    throw new OtlpDecodeError(type.name, `not a valid protobuf message (${err instanceof Error ? err.message : String(err)})`);
  }
}

const micros = (value: Long) => fixed64NanosToMicros(value.low >>> 0, value.high >>> 0);
/** An unset bytes field reads as its default, an empty array. */
const hex = (bytes: Uint8Array) => (bytes.length === 0 ? "" : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("hex"));

function int64Value(value: Long): number | string {
  const high = value.unsigned ? value.high >>> 0 : value.high;
  const n = high * 4294967296 + (value.low >>> 0);
  return Number.isSafeInteger(n) ? n : ((BigInt(high) << 32n) + BigInt(value.low >>> 0)).toString();
}

function anyValueFromPb(v: PbAnyValue, depth: number): AttributeValue {
  switch (Object.keys(v)[0] as keyof PbAnyValue | undefined) {
    case "stringValue":
      return v.stringValue;
    case "boolValue":
      return v.boolValue;
    case "intValue":
      return int64Value(v.intValue);
    case "doubleValue":
      return Number.isFinite(v.doubleValue) ? v.doubleValue : String(v.doubleValue);
    case "bytesValue":
      return Buffer.from(v.bytesValue.buffer, v.bytesValue.byteOffset, v.bytesValue.byteLength).toString("base64");
    case "arrayValue":
      checkDepth(depth + 1, "arrayValue");
      return mapIn(v.arrayValue?.values ?? [], "arrayValue.values", (value) => anyValueFromPb(value, depth + 1));
    case "kvlistValue":
      return keyValuesFromPb(v.kvlistValue?.values ?? [], depth + 1, "kvlistValue.values");
    case undefined:
      return null;
  }
}

function checkDepth(depth: number, field: string): void {
  if (depth > MAX_VALUE_DEPTH) throw new OtlpDecodeError(field, `nested deeper than ${MAX_VALUE_DEPTH} levels`);
}

function keyValuesFromPb(list: PbKeyValue[], depth: number, field: string): Attributes {
  checkDepth(depth, field);
  const out: Attributes = {};
  for (let i = 0; i < list.length; i++) {
    try {
      setAttribute(out, list[i].key, list[i].value ? anyValueFromPb(list[i].value!, depth) : null);
    } catch (err) {
      rethrowIn(err, `${field}[${i}].value`);
    }
  }
  return out;
}

const attributesField = (list: PbKeyValue[]): Attributes => (list.length === 0 ? {} : keyValuesFromPb(list, 0, "attributes"));
const resourceFromPb = (resource: PbResource | null): ResourceContext =>
  resourceContext(resource ? within("resource", () => attributesField(resource.attributes)) : {});

function spanFromPb(s: PbSpan, resource: ResourceContext, scope: ScopeRecord): SpanRecord {
  const event = (e: PbEvent): SpanEvent => ({ name: e.name, timestamp: micros(e.timeUnixNano) / 1000, attributes: attributesField(e.attributes) });
  const link = (l: PbLink): SpanLink => ({
    traceId: requiredId(hex(l.traceId), TRACE_ID_BYTES, "traceId"),
    spanId: requiredId(hex(l.spanId), SPAN_ID_BYTES, "spanId"),
    attributes: attributesField(l.attributes),
  });
  return toSpanRecord(
    {
      traceId: requiredId(hex(s.traceId), TRACE_ID_BYTES, "traceId"),
      spanId: requiredId(hex(s.spanId), SPAN_ID_BYTES, "spanId"),
      parentSpanId: optionalId(hex(s.parentSpanId), SPAN_ID_BYTES, "parentSpanId"),
      name: s.name,
      kind: s.kind,
      startUs: micros(s.startTimeUnixNano),
      endUs: micros(s.endTimeUnixNano),
      attributes: attributesField(s.attributes),
      events: mapIn(s.events, "events", event),
      links: mapIn(s.links, "links", link),
      statusCode: s.status ? s.status.code : 0,
      statusMessage: s.status ? s.status.message : "",
    },
    resource,
    scope,
  );
}

/** ExportTraceServiceRequest → SpanRecords, the protobufjs way. */
export function spansFromProtobufjs(body: Uint8Array): SpanRecord[] {
  const request = decodeProtobuf<PbTraceRequest>(ExportTraceServiceRequest, body);
  const spans: SpanRecord[] = [];
  forEachIn(request.resourceSpans, "resourceSpans", (rs) => {
    const resource = resourceFromPb(rs.resource);
    forEachIn(rs.scopeSpans, "scopeSpans", (ss) => {
      const scope = ss.scope ? scopeRecord(ss.scope.name, ss.scope.version) : null;
      forEachIn(ss.spans, "spans", (span) => spans.push(spanFromPb(span, resource, scope)));
    });
  });
  return spans;
}

/** ExportLogsServiceRequest → LogRecords, the protobufjs way. */
export function logsFromProtobufjs(body: Uint8Array): LogRecord[] {
  const request = decodeProtobuf<PbLogsRequest>(ExportLogsServiceRequest, body);
  const logs: LogRecord[] = [];
  forEachIn(request.resourceLogs, "resourceLogs", (rl) => {
    const resource = resourceFromPb(rl.resource);
    forEachIn(rl.scopeLogs, "scopeLogs", (sl) => {
      forEachIn(sl.logRecords, "logRecords", (l) => {
        logs.push(
          toLogRecord(
            {
              traceId: optionalId(hex(l.traceId), TRACE_ID_BYTES, "traceId"),
              spanId: optionalId(hex(l.spanId), SPAN_ID_BYTES, "spanId"),
              timeUs: micros(l.timeUnixNano),
              observedTimeUs: micros(l.observedTimeUnixNano),
              severityNumber: l.severityNumber,
              severityText: l.severityText,
              body: within("body", () => (l.body ? anyValueFromPb(l.body, 0) : null)),
              attributes: attributesField(l.attributes),
            },
            resource,
          ),
        );
      });
    });
  });
  return logs;
}
