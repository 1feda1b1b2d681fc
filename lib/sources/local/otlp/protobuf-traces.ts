/** ExportTraceServiceRequest (protobuf) → SpanRecords. */
import type { SpanEvent, SpanLink } from "../../../model";
import type { SpanRecord } from "../records";
import { forEachIn, mapIn } from "./errors";
import { bytesToHex, optionalId, requiredId, SPAN_ID_BYTES, TRACE_ID_BYTES } from "./ids";
import { fixed64NanosToMicros } from "./nanos";
import { ExportTraceServiceRequest } from "./proto-schema";
import { decodeProtobuf } from "./protobuf-decode";
import type { PbEvent, PbLink, PbSpan, PbTraceRequest } from "./protobuf-messages";
import { attributesField, resourceFromPb } from "./protobuf-values";
import type { ResourceContext } from "./resource";
import { scopeRecord, toSpanRecord, type ScopeRecord } from "./span-record";

function eventFromPb(e: PbEvent): SpanEvent {
  return { name: e.name, timestamp: fixed64NanosToMicros(e.timeUnixNano) / 1000, attributes: attributesField(e.attributes) };
}

function linkFromPb(l: PbLink): SpanLink {
  return {
    traceId: requiredId(bytesToHex(l.traceId), TRACE_ID_BYTES, "traceId"),
    spanId: requiredId(bytesToHex(l.spanId), SPAN_ID_BYTES, "spanId"),
    attributes: attributesField(l.attributes),
  };
}

function spanFromPb(s: PbSpan, resource: ResourceContext, scope: ScopeRecord): SpanRecord {
  return toSpanRecord(
    {
      traceId: requiredId(bytesToHex(s.traceId), TRACE_ID_BYTES, "traceId"),
      spanId: requiredId(bytesToHex(s.spanId), SPAN_ID_BYTES, "spanId"),
      parentSpanId: optionalId(bytesToHex(s.parentSpanId), SPAN_ID_BYTES, "parentSpanId"),
      name: s.name,
      kind: s.kind,
      startUs: fixed64NanosToMicros(s.startTimeUnixNano),
      endUs: fixed64NanosToMicros(s.endTimeUnixNano),
      attributes: attributesField(s.attributes),
      events: mapIn(s.events, "events", eventFromPb),
      links: mapIn(s.links, "links", linkFromPb),
      statusCode: s.status ? s.status.code : 0,
      statusMessage: s.status ? s.status.message : "",
    },
    resource,
    scope,
  );
}

export function spansFromProtobuf(body: Uint8Array): SpanRecord[] {
  const request = decodeProtobuf<PbTraceRequest>(ExportTraceServiceRequest, body);
  const spans: SpanRecord[] = [];
  forEachIn(request.resourceSpans, "resourceSpans", (rs) => {
    const resource = resourceFromPb(rs.resource);
    forEachIn(rs.scopeSpans, "scopeSpans", (ss) => {
      const scope = ss.scope ? scopeRecord(ss.scope.name, ss.scope.version) : null;
      forEachIn(ss.spans, "spans", (span) => {
        spans.push(spanFromPb(span, resource, scope));
      });
    });
  });
  return spans;
}
