/** ExportLogsServiceRequest (protobuf) → LogRecords. */
import type { LogRecord } from "../records";
import { forEachIn, within } from "./errors";
import { bytesToHex, optionalId, SPAN_ID_BYTES, TRACE_ID_BYTES } from "./ids";
import { toLogRecord } from "./log-record";
import { fixed64NanosToMicros } from "./nanos";
import { ExportLogsServiceRequest } from "./proto-schema";
import { decodeProtobuf } from "./protobuf-decode";
import type { PbLogRecord, PbLogsRequest } from "./protobuf-messages";
import { attributesField, resourceFromPb, valueFromPb } from "./protobuf-values";
import type { ResourceContext } from "./resource";

function logFromPb(l: PbLogRecord, resource: ResourceContext): LogRecord {
  return toLogRecord(
    {
      traceId: optionalId(bytesToHex(l.traceId), TRACE_ID_BYTES, "traceId"),
      spanId: optionalId(bytesToHex(l.spanId), SPAN_ID_BYTES, "spanId"),
      timeUs: fixed64NanosToMicros(l.timeUnixNano),
      observedTimeUs: fixed64NanosToMicros(l.observedTimeUnixNano),
      severityNumber: l.severityNumber,
      severityText: l.severityText,
      body: within("body", () => valueFromPb(l.body)),
      attributes: attributesField(l.attributes),
    },
    resource,
  );
}

export function logsFromProtobuf(body: Uint8Array): LogRecord[] {
  const request = decodeProtobuf<PbLogsRequest>(ExportLogsServiceRequest, body);
  const logs: LogRecord[] = [];
  forEachIn(request.resourceLogs, "resourceLogs", (rl) => {
    const resource = resourceFromPb(rl.resource);
    forEachIn(rl.scopeLogs, "scopeLogs", (sl) => {
      forEachIn(sl.logRecords, "logRecords", (record) => {
        logs.push(logFromPb(record, resource));
      });
    });
  });
  return logs;
}
