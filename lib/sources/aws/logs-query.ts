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

/** The trace ID's two forms as a query list, from its checked hex digits only. */
function bothForms(id: ParsedTraceId, caller: string): { hex: string; xray: string; both: string } {
  if (!HEX32.test(id.hex)) throw new TypeError(`${caller}: the trace ID's hex form must be 32 lowercase hex digits`);
  const hex = id.hex;
  const xray = `1-${hex.slice(0, 8)}-${hex.slice(8)}`;
  return { hex, xray, both: `["${hex}", "${xray}"]` };
}

/** The query for every log line of one trace, oldest first (the narrow pass: named groups, every form of the ID). */
export function traceLogsQuery(id: ParsedTraceId): string {
  const { hex, xray, both } = bothForms(id, "traceLogsQuery");
  const conditions = [...TRACE_ID_FIELDS.map((field) => `${field} in ${both}`), `@message like /(?i)${hex}|${xray}/`];
  return [
    `fields @timestamp, @message, @log, @logStream, ${TRACE_ID_FIELDS.join(", ")}`,
    `| filter ${conditions.join(" or ")}`,
    "| sort @timestamp asc",
    `| limit ${LOGS_QUERY_LIMIT}`,
  ].join("\n");
}

/**
 * The request-ID pass: the lines of Lambda invocations in their function's group, by the
 * request ID Logs Insights discovers (`@requestId` on platform lines, `requestId` in JSON lines)
 * or the ID anywhere in the message (the runtime's text lines). Every ID must be a UUID.
 */
/** A Lambda request ID as a query may carry it: a lowercase UUID. */
export const REQUEST_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function requestIdLogsQuery(requestIds: readonly string[]): string {
  if (requestIds.length === 0) throw new RangeError("requestIdLogsQuery: no request ID");
  for (const requestId of requestIds) {
    if (!REQUEST_ID.test(requestId)) {
      throw new TypeError("requestIdLogsQuery: a request ID must be a lowercase UUID");
    }
  }
  const list = `[${requestIds.map((r) => `"${r}"`).join(", ")}]`;
  return [
    "fields @timestamp, @message, @log, @logStream, @requestId, requestId",
    `| filter @requestId in ${list} or requestId in ${list} or @message like /(?i)${requestIds.join("|")}/`,
    "| sort @timestamp asc",
    `| limit ${LOGS_QUERY_LIMIT}`,
  ].join("\n");
}

/**
 * `SOURCE logGroups(namePrefix: [...])` takes at most five prefixes
 * (https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/CWL_QuerySyntax-Source.html).
 */
const MAX_SOURCE_PREFIXES = 5;

/**
 * A prefix that may be written into a query: CloudWatch's log group name characters only
 * (`. - _ / #`, letters, digits), so it can neither close the quoted string nor the list.
 */
const SAFE_PREFIX = /^[.\-_/#A-Za-z0-9]{1,512}$/;

/** Where the wide pass looks: the groups of up to five name prefixes, or every group of the account. */
export type WideScope = { kind: "account" } | { kind: "prefixes"; prefixes: readonly string[] };

/** The configured prefixes in scopes of at most five (one wide query each); the account as one scope. */
export function wideScopes(scope: "account" | "groups", prefixes: readonly string[]): WideScope[] {
  if (scope === "account") return [{ kind: "account" }];
  const distinct = [...new Set(prefixes)];
  const scopes: WideScope[] = [];
  for (let i = 0; i < distinct.length; i += MAX_SOURCE_PREFIXES) scopes.push({ kind: "prefixes", prefixes: distinct.slice(i, i + MAX_SOURCE_PREFIXES) });
  return scopes;
}

/** `account` or the prefixes, for messages. */
export function describeWideScope(scope: WideScope): string {
  return scope.kind === "account" ? "every log group of the account" : scope.prefixes.map((p) => `${p}*`).join(", ");
}

/**
 * The wide pass: CloudWatch Logs keeps a default field index on `traceId` for every log group of
 * the Standard class, and `filterIndex` reads only the indexed events whose field has one of
 * the values, in the groups SOURCE selects (by name prefix, or all groups of the account; the
 * Standard class is SOURCE's default). It finds lines in groups nobody named and scans almost
 * nothing; it cannot find the ID in other fields or inside messages (the narrow pass does).
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/CWL_QuerySyntax-FilterIndex.html
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/CWL_QuerySyntax-Source.html
 */
export function wideTraceLogsQuery(id: ParsedTraceId, scope: WideScope): string {
  const { both } = bothForms(id, "wideTraceLogsQuery");
  let source = "SOURCE logGroups()";
  if (scope.kind === "prefixes") {
    if (scope.prefixes.length < 1 || scope.prefixes.length > MAX_SOURCE_PREFIXES) {
      throw new RangeError(`wideTraceLogsQuery: 1 to ${MAX_SOURCE_PREFIXES} prefixes, got ${scope.prefixes.length}`);
    }
    const bad = scope.prefixes.find((p) => !SAFE_PREFIX.test(p));
    if (bad !== undefined)
      throw new TypeError(`wideTraceLogsQuery: the prefix ${JSON.stringify(bad.slice(0, 80))} has a character a log group name cannot have`);
    source = `SOURCE logGroups(namePrefix: [${scope.prefixes.map((p) => `'${p}'`).join(", ")}])`;
  }
  return [
    source,
    `| filterIndex traceId in ${both}`,
    `| fields @timestamp, @message, @log, @logStream, ${TRACE_ID_FIELDS.join(", ")}`,
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
