/** One decoded OTLP log record (either encoding) → the LogRecord the store writes. */
import type { AttributeValue, Attributes, LogLevel } from "../../../model";
import type { LogRecord } from "../records";
import { messageOf, spanIdFromFields, structuredBody, traceIdFromFields } from "./log-body";
import { levelFromSeverityNumber, levelFromWord } from "./log-level";
import type { ResourceContext } from "./resource";

/** The record's own fields, IDs already checked and times already in µs (0 = unknown). */
export interface DecodedLog {
  traceId: string | null;
  spanId: string | null;
  timeUs: number;
  observedTimeUs: number;
  severityNumber: number;
  severityText: string;
  /** null when the record has no body. */
  body: AttributeValue;
  attributes: Attributes;
}

/** Severity number, else severity text, else the `level` key of a structured body (Powertools). */
function levelOf(log: DecodedLog, fields: Attributes): LogLevel {
  const bodyLevel = fields.level;
  return (
    levelFromSeverityNumber(log.severityNumber) ??
    levelFromWord(log.severityText) ??
    (typeof bodyLevel === "string" ? levelFromWord(bodyLevel) : null) ??
    "unknown"
  );
}

export function toLogRecord(log: DecodedLog, resource: ResourceContext): LogRecord {
  const structured = structuredBody(log.body);
  // Body keys first, so that an attribute of the same name wins.
  const fields = structured ? { ...structured, ...log.attributes } : log.attributes;
  const message = messageOf(log.body, structured);
  return {
    traceId: log.traceId ?? traceIdFromFields(fields, message),
    spanId: log.spanId ?? spanIdFromFields(fields),
    timeUs: log.timeUs || log.observedTimeUs,
    severityNumber: log.severityNumber,
    severityText: log.severityText || null,
    level: levelOf(log, fields),
    message,
    fields,
    logGroup: resource.logGroup,
    resource: resource.record,
  };
}
