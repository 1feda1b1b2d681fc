/** ExportLogsServiceRequest (OTLP/JSON) → LogRecords. */
import type { LogRecord } from "../records";
import { optionalId, SPAN_ID_BYTES, TRACE_ID_BYTES } from "./ids";
import { parseJsonRequest } from "./json-body";
import { forEachObjectAt, stringAt, type JsonObject } from "./json-shape";
import { attributesAt, enumAt, hexAt, nanosAt, resourceAt, valueAt } from "./json-values";
import { toLogRecord } from "./log-record";
import { SEVERITY_NUMBER_VALUES } from "./proto-schema";
import type { ResourceContext } from "./resource";

function logFromJson(l: JsonObject, resource: ResourceContext): LogRecord {
  return toLogRecord(
    {
      traceId: optionalId(hexAt(l, "traceId"), TRACE_ID_BYTES, "traceId"),
      spanId: optionalId(hexAt(l, "spanId"), SPAN_ID_BYTES, "spanId"),
      timeUs: nanosAt(l, "timeUnixNano"),
      observedTimeUs: nanosAt(l, "observedTimeUnixNano"),
      severityNumber: enumAt(l, "severityNumber", SEVERITY_NUMBER_VALUES),
      severityText: stringAt(l, "severityText"),
      body: valueAt(l, "body"),
      attributes: attributesAt(l),
    },
    resource,
  );
}

export function logsFromJson(body: Uint8Array): LogRecord[] {
  const request = parseJsonRequest(body, "ExportLogsServiceRequest");
  const logs: LogRecord[] = [];
  forEachObjectAt(request, "resourceLogs", (rl) => {
    const resource = resourceAt(rl);
    forEachObjectAt(rl, "scopeLogs", (sl) => {
      forEachObjectAt(sl, "logRecords", (record) => {
        logs.push(logFromJson(record, resource));
      });
    });
  });
  return logs;
}
