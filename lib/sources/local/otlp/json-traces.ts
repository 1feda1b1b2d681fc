/** ExportTraceServiceRequest (OTLP/JSON) → SpanRecords. */
import type { SpanEvent, SpanLink } from "../../../model";
import type { SpanRecord } from "../records";
import { within } from "./errors";
import { optionalId, requiredId, SPAN_ID_BYTES, TRACE_ID_BYTES } from "./ids";
import { parseJsonRequest } from "./json-body";
import { forEachObjectAt, mapObjectsAt, objectAt, stringAt, type JsonObject } from "./json-shape";
import { attributesAt, enumAt, hexAt, nanosAt, resourceAt } from "./json-values";
import { SPAN_KIND_VALUES, STATUS_CODE_VALUES } from "./proto-schema";
import type { ResourceContext } from "./resource";
import { scopeRecord, toSpanRecord, type ScopeRecord } from "./span-record";

function eventFromJson(e: JsonObject): SpanEvent {
  return { name: stringAt(e, "name"), timestamp: nanosAt(e, "timeUnixNano") / 1000, attributes: attributesAt(e) };
}

function linkFromJson(l: JsonObject): SpanLink {
  return {
    traceId: requiredId(hexAt(l, "traceId"), TRACE_ID_BYTES, "traceId"),
    spanId: requiredId(hexAt(l, "spanId"), SPAN_ID_BYTES, "spanId"),
    attributes: attributesAt(l),
  };
}

function spanFromJson(s: JsonObject, resource: ResourceContext, scope: ScopeRecord): SpanRecord {
  const status = objectAt(s, "status");
  return toSpanRecord(
    {
      traceId: requiredId(hexAt(s, "traceId"), TRACE_ID_BYTES, "traceId"),
      spanId: requiredId(hexAt(s, "spanId"), SPAN_ID_BYTES, "spanId"),
      parentSpanId: optionalId(hexAt(s, "parentSpanId"), SPAN_ID_BYTES, "parentSpanId"),
      name: stringAt(s, "name"),
      kind: enumAt(s, "kind", SPAN_KIND_VALUES),
      startUs: nanosAt(s, "startTimeUnixNano"),
      endUs: nanosAt(s, "endTimeUnixNano"),
      attributes: attributesAt(s),
      events: mapObjectsAt(s, "events", eventFromJson),
      links: mapObjectsAt(s, "links", linkFromJson),
      statusCode: status ? within("status", () => enumAt(status, "code", STATUS_CODE_VALUES)) : 0,
      statusMessage: status ? within("status", () => stringAt(status, "message")) : "",
    },
    resource,
    scope,
  );
}

function scopeFromJson(scopeSpans: JsonObject): ScopeRecord {
  const scope = objectAt(scopeSpans, "scope");
  return scope ? within("scope", () => scopeRecord(stringAt(scope, "name"), stringAt(scope, "version"))) : null;
}

export function spansFromJson(body: Uint8Array): SpanRecord[] {
  const request = parseJsonRequest(body, "ExportTraceServiceRequest");
  const spans: SpanRecord[] = [];
  forEachObjectAt(request, "resourceSpans", (rs) => {
    const resource = resourceAt(rs);
    forEachObjectAt(rs, "scopeSpans", (ss) => {
      const scope = scopeFromJson(ss);
      forEachObjectAt(ss, "spans", (span) => {
        spans.push(spanFromJson(span, resource, scope));
      });
    });
  });
  return spans;
}
