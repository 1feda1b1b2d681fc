/** ExportLogsServiceRequest (protobuf) → LogRecords, read straight off the wire. */
import type { AttributeValue, Attributes } from "../../../model";
import type { LogRecord } from "../records";
import { optionalId, SPAN_ID_BYTES, TRACE_ID_BYTES } from "./ids";
import { toLogRecord } from "./log-record";
import { fixed64NanosToMicros } from "./nanos";
import { placeIn, requestError } from "./protobuf-errors";
import { readRequest } from "./protobuf-resource";
import { kindOfLastValue, readBody, readKeyValue } from "./protobuf-values";
import type { ResourceContext } from "./resource";
import { WireReader } from "./wire-reader";

/** A LogRecord message (the reader at its length prefix); fields by tag (field number × 8 + wire type). */
function readLog(r: WireReader, resource: ResourceContext): LogRecord {
  const outer = r.enter();
  let traceId = "";
  let spanId = "";
  let timeUs = 0;
  let observedTimeUs = 0;
  let severityNumber = 0;
  let severityText = "";
  let body: AttributeValue = null;
  let bodyKind = 0;
  const attributes: Attributes = {};
  let attributeCount = 0;
  while (r.more()) {
    const tag = r.readTag();
    switch (tag) {
      case 9: // time_unix_nano = 1
        r.readFixed64();
        timeUs = fixed64NanosToMicros(r.lo, r.hi);
        break;
      case 16: // severity_number = 2
        severityNumber = r.readInt32();
        break;
      case 26: // severity_text = 3
        severityText = r.readString();
        break;
      case 42: // body = 5 (a second one merges)
        body = readBody(r, bodyKind, body);
        bodyKind = kindOfLastValue();
        break;
      case 50: // attributes = 6
        readKeyValue(r, 0, attributes, "attributes", attributeCount++);
        break;
      case 74: // trace_id = 9
        traceId = r.readHex();
        break;
      case 82: // span_id = 10
        spanId = r.readHex();
        break;
      case 89: // observed_time_unix_nano = 11
        r.readFixed64();
        observedTimeUs = fixed64NanosToMicros(r.lo, r.hi);
        break;
      default:
        r.skip(tag);
    }
  }
  r.leave(outer);
  return toLogRecord(
    {
      traceId: optionalId(traceId, TRACE_ID_BYTES, "traceId"),
      spanId: optionalId(spanId, SPAN_ID_BYTES, "spanId"),
      timeUs,
      observedTimeUs,
      severityNumber,
      severityText,
      body,
      attributes,
    },
    resource,
  );
}

/** The ScopeLogs that is the reader's current message: each of its log_records (= 2). */
function readScopeLogs(r: WireReader, resource: ResourceContext, logs: LogRecord[]): void {
  let k = 0;
  while (r.more()) {
    const tag = r.readTag();
    if (tag !== 18) {
      r.skip(tag);
      continue;
    }
    try {
      logs.push(readLog(r, resource));
    } catch (err) {
      placeIn(err, `logRecords[${k}]`);
    }
    k++;
  }
}

/** The body of `POST /v1/logs` in protobuf. */
export function logsFromProtobuf(body: Uint8Array): LogRecord[] {
  const r = new WireReader(body);
  const logs: LogRecord[] = [];
  try {
    readRequest(r, "resourceLogs", "scopeLogs", (reader, resource) => readScopeLogs(reader, resource, logs));
  } catch (err) {
    throw requestError(err, "ExportLogsServiceRequest");
  }
  return logs;
}
