/**
 * What the OTLP decoder hands to the embedded store: one request's spans and log records,
 * already normalized (IDs as lowercase hex, times as integer epoch microseconds, service,
 * status and origin derived). The store writes a batch in one transaction or not at all.
 */
import type { Attributes, LogLevel, SpanEvent, SpanKind, SpanLink, SpanStatus } from "../../model";

export interface ResourceRecord {
  /** `service.name`, or `unknown_service` as the OTel spec names it when absent. */
  service: string;
  attributes: Attributes;
}

export interface SpanRecord {
  traceId: string;
  spanId: string;
  parentSpanId: string | null;
  name: string;
  kind: SpanKind;
  startUs: number;
  endUs: number;
  status: SpanStatus;
  statusMessage: string | null;
  httpStatus: number | null;
  origin: string | null;
  attributes: Attributes;
  events: SpanEvent[];
  links: SpanLink[];
  resource: ResourceRecord;
  scope: { name: string; version: string | null } | null;
}

export interface LogRecord {
  /** From the OTLP record, or recovered from a structured body (traceId, trace_id, xrayTraceId, an X-Ray ID). */
  traceId: string | null;
  spanId: string | null;
  timeUs: number;
  severityNumber: number;
  severityText: string | null;
  level: LogLevel;
  /** The human message: the body string, or the `message`/`msg` of a structured body. */
  message: string;
  /** Attributes, plus the keys of a structured body. */
  fields: Attributes;
  logGroup: string | null;
  resource: ResourceRecord;
}

export interface IngestBatch {
  spans: SpanRecord[];
  logs: LogRecord[];
}
