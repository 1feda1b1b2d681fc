/** ExportTraceServiceRequest (protobuf) → SpanRecords, read straight off the wire. */
import type { Attributes, SpanEvent, SpanLink } from "../../../model";
import type { SpanRecord } from "../records";
import { optionalId, requiredId, SPAN_ID_BYTES, TRACE_ID_BYTES } from "./ids";
import { fixed64NanosToMicros } from "./nanos";
import { placeIn, requestError } from "./protobuf-errors";
import { readRequest } from "./protobuf-resource";
import { readKeyValue } from "./protobuf-values";
import type { ResourceContext } from "./resource";
import { scopeRecord, toSpanRecord, type ScopeRecord } from "./span-record";
import { WireReader } from "./wire-reader";

function readEvent(r: WireReader): SpanEvent {
  const outer = r.enter();
  let timeUs = 0;
  let name = "";
  const attributes: Attributes = {};
  let count = 0;
  while (r.more()) {
    const tag = r.readTag();
    switch (tag) {
      case 9: // time_unix_nano = 1
        r.readFixed64();
        timeUs = fixed64NanosToMicros(r.lo, r.hi);
        break;
      case 18: // name = 2
        name = r.readString();
        break;
      case 26: // attributes = 3
        readKeyValue(r, 0, attributes, "attributes", count++);
        break;
      default:
        r.skip(tag);
    }
  }
  r.leave(outer);
  return { name, timestamp: timeUs / 1000, attributes };
}

function readLink(r: WireReader): SpanLink {
  const outer = r.enter();
  let traceId = "";
  let spanId = "";
  const attributes: Attributes = {};
  let count = 0;
  while (r.more()) {
    const tag = r.readTag();
    switch (tag) {
      case 10: // trace_id = 1
        traceId = r.readHex();
        break;
      case 18: // span_id = 2
        spanId = r.readHex();
        break;
      case 34: // attributes = 4
        readKeyValue(r, 0, attributes, "attributes", count++);
        break;
      default:
        r.skip(tag);
    }
  }
  r.leave(outer);
  return {
    traceId: requiredId(traceId, TRACE_ID_BYTES, "traceId"),
    spanId: requiredId(spanId, SPAN_ID_BYTES, "spanId"),
    attributes,
  };
}

/** The span that is the reader's current message; its fields by tag (field number × 8 + wire type). */
function readSpan(r: WireReader, resource: ResourceContext, scope: ScopeRecord): SpanRecord {
  let traceId = "";
  let spanId = "";
  let parentSpanId = "";
  let name = "";
  let kind = 0;
  let startUs = 0;
  let endUs = 0;
  const attributes: Attributes = {};
  let attributeCount = 0;
  const events: SpanEvent[] = [];
  const links: SpanLink[] = [];
  let statusCode = 0;
  let statusMessage = "";
  while (r.more()) {
    const tag = r.readTag();
    switch (tag) {
      case 10: // trace_id = 1
        traceId = r.readHex();
        break;
      case 18: // span_id = 2
        spanId = r.readHex();
        break;
      case 34: // parent_span_id = 4
        parentSpanId = r.readHex();
        break;
      case 42: // name = 5
        name = r.readString();
        break;
      case 48: // kind = 6
        kind = r.readInt32();
        break;
      case 57: // start_time_unix_nano = 7
        r.readFixed64();
        startUs = fixed64NanosToMicros(r.lo, r.hi);
        break;
      case 65: // end_time_unix_nano = 8
        r.readFixed64();
        endUs = fixed64NanosToMicros(r.lo, r.hi);
        break;
      case 74: // attributes = 9
        readKeyValue(r, 0, attributes, "attributes", attributeCount++);
        break;
      case 90: // events = 11
        try {
          events.push(readEvent(r));
        } catch (err) {
          placeIn(err, `events[${events.length}]`);
        }
        break;
      case 106: // links = 13
        try {
          links.push(readLink(r));
        } catch (err) {
          placeIn(err, `links[${links.length}]`);
        }
        break;
      case 122: {
        // status = 15 (a second one merges: each field keeps its last value)
        const inner = r.enter();
        while (r.more()) {
          const statusTag = r.readTag();
          if (statusTag === 18) statusMessage = r.readString();
          else if (statusTag === 24) statusCode = r.readInt32();
          else r.skip(statusTag);
        }
        r.leave(inner);
        break;
      }
      default:
        r.skip(tag);
    }
  }
  return toSpanRecord(
    {
      traceId: requiredId(traceId, TRACE_ID_BYTES, "traceId"),
      spanId: requiredId(spanId, SPAN_ID_BYTES, "spanId"),
      parentSpanId: optionalId(parentSpanId, SPAN_ID_BYTES, "parentSpanId"),
      name,
      kind,
      startUs,
      endUs,
      attributes,
      events,
      links,
      statusCode,
      statusMessage,
    },
    resource,
    scope,
  );
}

/** The ScopeSpans that is the reader's current message: its scope first (it may follow the spans on the wire), then each span. */
function readScopeSpans(r: WireReader, resource: ResourceContext, spans: SpanRecord[]): void {
  let name = "";
  let version = "";
  const ranges: number[] = [];
  while (r.more()) {
    const tag = r.readTag();
    if (tag === 10) {
      // scope = 1 (a second one merges)
      const outer = r.enter();
      while (r.more()) {
        const scopeTag = r.readTag();
        if (scopeTag === 10) name = r.readString();
        else if (scopeTag === 18) version = r.readString();
        else r.skip(scopeTag);
      }
      r.leave(outer);
    } else if (tag === 18) {
      // spans = 2
      r.note(ranges);
    } else r.skip(tag);
  }
  const messageEnd = r.pos;
  const scope = scopeRecord(name, version);
  for (let k = 0; k < ranges.length; k += 2) {
    const end = r.readAt(ranges[k], ranges[k + 1]);
    try {
      spans.push(readSpan(r, resource, scope));
    } catch (err) {
      placeIn(err, `spans[${k / 2}]`);
    }
    r.leave(end);
  }
  r.pos = messageEnd;
}

/** The body of `POST /v1/traces` in protobuf. */
export function spansFromProtobuf(body: Uint8Array): SpanRecord[] {
  const r = new WireReader(body);
  const spans: SpanRecord[] = [];
  try {
    readRequest(r, "resourceSpans", "scopeSpans", (reader, resource) => readScopeSpans(reader, resource, spans));
  } catch (err) {
    throw requestError(err, "ExportTraceServiceRequest");
  }
  return spans;
}
