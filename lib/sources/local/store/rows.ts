/**
 * The columns the read queries select, and their mapping to the model (lib/model.ts):
 * microseconds become fractional milliseconds, JSON columns are parsed.
 */
import {
  type Attributes,
  type LogEvent,
  type LogLevel,
  SPAN_STATUSES,
  type Span,
  type SpanEvent,
  type SpanKind,
  type SpanLink,
  type SpanStatus,
  statusRank,
  type TraceSummary,
} from "../../../model";
import { toXRay } from "../../../trace-id";

export const SPAN_COLUMNS = `trace_id, span_id, parent_span_id, service, name, kind, start_us, end_us, status,
  status_message, http_status, origin, attributes, events, links, resource_id`;

export interface SpanRow {
  trace_id: string;
  span_id: string;
  parent_span_id: string | null;
  service: string;
  name: string;
  kind: SpanKind;
  start_us: number;
  end_us: number;
  status: SpanStatus;
  status_message: string | null;
  http_status: number | null;
  origin: string | null;
  attributes: string;
  events: string;
  links: string;
  resource_id: number;
}

/**
 * What a large trace's outline reads of each span (lib/analysis/trace-outline.ts): no events or
 * links, and attributes only where the outline looks at them — a client or producer span's, whose
 * callee the service map and the service filter name (lib/analysis/downstream.ts) — plus whether
 * the span says it was a cold start. A million spans' attribute JSON costs more to read and parse
 * than the rest of the outline; the spans on screen are read whole (SPAN_BY_ID_SQL).
 */
export const OUTLINE_SPAN_COLUMNS = `span_id, parent_span_id, service, name, kind, start_us, end_us, status, status_message, http_status,
  origin, resource_id, CASE WHEN kind IN ('client', 'producer') THEN attributes END, instr(attributes, '"faas.coldstart":true') > 0`;

/** A row of OUTLINE_SPAN_COLUMNS, as better-sqlite3's raw() gives it (an array: no object per row). */
export type OutlineSpanRow = [
  spanId: string,
  parentSpanId: string | null,
  service: string,
  name: string,
  kind: SpanKind,
  startUs: number,
  endUs: number,
  status: SpanStatus,
  statusMessage: string | null,
  httpStatus: number | null,
  origin: string | null,
  resourceId: number,
  attributes: string | null,
  coldStart: 0 | 1,
];

const COLD_START: Attributes = Object.freeze({ "faas.coldstart": true });
const NO_ATTRIBUTES: Attributes = Object.freeze({});

/** A span for the outline: attributes as OUTLINE_SPAN_COLUMNS says, no events or links. */
export function outlineSpanFromRow(traceId: string, r: OutlineSpanRow, resource: Attributes): Span {
  return {
    traceId,
    spanId: r[0],
    parentSpanId: r[1],
    service: r[2],
    name: r[3],
    kind: r[4],
    startTime: usToMs(r[5]),
    endTime: usToMs(r[6]),
    durationMs: usToMs(r[6] - r[5]),
    status: r[7],
    statusMessage: r[8],
    httpStatus: r[9],
    origin: r[10],
    attributes: r[12] !== null ? (JSON.parse(r[12]) as Attributes) : r[13] ? COLD_START : NO_ATTRIBUTES,
    resource,
    events: [],
    links: [],
  };
}

export const SUMMARY_COLUMNS = `t.trace_id, t.start_us, t.end_us, t.span_count, t.status_rank, t.root_service,
  t.root_name, t.root_http_status`;

export interface SummaryRow {
  trace_id: string;
  start_us: number;
  end_us: number;
  span_count: number;
  status_rank: number;
  root_service: string;
  root_name: string;
  root_http_status: number | null;
}

export const LOG_COLUMNS = "id, trace_id, span_id, time_us, level, service, message, fields, log_group";

export interface LogRow {
  id: number;
  trace_id: string | null;
  span_id: string | null;
  time_us: number;
  level: LogLevel;
  service: string;
  message: string;
  fields: string;
  log_group: string | null;
}

const STATUS_BY_RANK: readonly SpanStatus[] = [...SPAN_STATUSES].sort((a, b) => statusRank(a) - statusRank(b));

function statusFromRank(rank: number): SpanStatus {
  const status = STATUS_BY_RANK[rank];
  if (status === undefined) throw new Error(`no span status has rank ${rank}`);
  return status;
}

const usToMs = (us: number): number => us / 1000;

export function spanFromRow(row: SpanRow, resource: Attributes): Span {
  return {
    traceId: row.trace_id,
    spanId: row.span_id,
    parentSpanId: row.parent_span_id,
    service: row.service,
    name: row.name,
    kind: row.kind,
    startTime: usToMs(row.start_us),
    endTime: usToMs(row.end_us),
    durationMs: usToMs(row.end_us - row.start_us),
    status: row.status,
    statusMessage: row.status_message,
    httpStatus: row.http_status,
    origin: row.origin,
    attributes: JSON.parse(row.attributes) as Attributes,
    resource,
    // Most spans have neither: no parse for them (a million-span trace is read in one go).
    events: row.events === "[]" ? [] : (JSON.parse(row.events) as SpanEvent[]),
    links: row.links === "[]" ? [] : (JSON.parse(row.links) as SpanLink[]),
  };
}

export function summaryFromRow(row: SummaryRow): TraceSummary {
  return {
    traceId: row.trace_id,
    // The writer stores decoded IDs only; the fallback keeps one odd row from failing a whole list.
    xrayTraceId: toXRay(row.trace_id) ?? row.trace_id,
    startTime: usToMs(row.start_us),
    durationMs: usToMs(row.end_us - row.start_us),
    rootService: row.root_service,
    rootName: row.root_name,
    status: statusFromRank(row.status_rank),
    spanCount: row.span_count,
    httpStatus: row.root_http_status,
  };
}

export function logFromRow(row: LogRow): LogEvent {
  return {
    id: String(row.id),
    timestamp: usToMs(row.time_us),
    message: row.message,
    level: row.level,
    service: row.service,
    traceId: row.trace_id,
    spanId: row.span_id,
    logGroup: row.log_group,
    fields: JSON.parse(row.fields) as Attributes,
  };
}
