/**
 * The CloudWatch Logs Insights query for one trace's logs, and its StartQuery time window.
 *
 * The query is built only from a ParsedTraceId, and only from its 32 hex digits (the X-Ray form
 * is derived from them here, and the hex is checked again), so nothing a user types can reach the
 * query text: the trace ID is the query's only variable, and it is 32 characters of [0-9a-f].
 *
 * It matches both ID forms in the structured trace fields, and anywhere in the raw message
 * (which also catches REPORT lines' `XRAY TraceId: 1-…`, X-Ray headers and W3C traceparents).
 */
import type { ParsedTraceId } from "../../trace-id";

/** Structured fields that carry a trace ID in the logs of common loggers and of Lambda. */
export const TRACE_ID_FIELDS = ["traceId", "trace_id", "xrayTraceId", "xray_trace_id", "@xrayTraceId"] as const;

/** The most rows a Logs Insights query returns. */
export const LOGS_QUERY_LIMIT = 10_000;

const HEX32 = /^[0-9a-f]{32}$/;

/** The query for every log line of one trace, oldest first. */
export function traceLogsQuery(id: ParsedTraceId): string {
  if (!HEX32.test(id.hex)) throw new TypeError("traceLogsQuery: the trace ID's hex form must be 32 lowercase hex digits");
  const hex = id.hex;
  const xray = `1-${hex.slice(0, 8)}-${hex.slice(8)}`;
  const both = `["${hex}", "${xray}"]`;
  const conditions = [...TRACE_ID_FIELDS.map((field) => `${field} in ${both}`), `@message like /(?i)${hex}|${xray}/`];
  return [
    `fields @timestamp, @message, @log, @logStream, ${TRACE_ID_FIELDS.join(", ")}`,
    `| filter ${conditions.join(" or ")}`,
    "| sort @timestamp asc",
    `| limit ${LOGS_QUERY_LIMIT}`,
  ].join("\n");
}

export interface QueryMargins {
  beforeMs: number;
  afterMs: number;
}

/** Logs can be written a little before the first span (clock skew) and long after (async work, REPORT lines). */
export const DEFAULT_QUERY_MARGINS: QueryMargins = { beforeMs: 5 * 60_000, afterMs: 15 * 60_000 };

/** StartQuery's `startTime` / `endTime`: epoch seconds, both inclusive. */
export interface QueryWindow {
  startTime: number;
  endTime: number;
}

/**
 * The window around the trace when it is known, else around the ID's epoch second (X-Ray IDs
 * start with it, so logs can be queried before the trace has arrived). The start is floored
 * and the end ceiled to whole seconds, so no log of a sub-second span is lost to rounding.
 */
export function queryWindow(id: ParsedTraceId, trace?: { startTime: number; endTime: number }, margins: QueryMargins = DEFAULT_QUERY_MARGINS): QueryWindow {
  const from = trace ? trace.startTime : id.epochSeconds * 1000;
  const to = trace ? trace.endTime : id.epochSeconds * 1000;
  return {
    startTime: Math.max(0, Math.floor((from - margins.beforeMs) / 1000)),
    endTime: Math.ceil((to + margins.afterMs) / 1000),
  };
}
