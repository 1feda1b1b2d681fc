/**
 * The Logs Insights queries over Transaction Search's `aws/spans` log group.
 *
 * Nothing a user types reaches a query unchecked: a trace ID only as the 32 hex digits of a
 * ParsedTraceId (checked again here), numbers only as finite numbers, the service (compared as a
 * "…" string) only when made of a conservative set of characters (letters, digits, space and
 * `_ . : / @ + = , -`), and the operation (a `/…/` pattern) only as printable ASCII, in which every
 * character that is not a letter, a digit or a space is backslash-escaped. Anything else is a
 * SpansQueryError, which the caller answers with a 400 naming the parameter.
 */
import type { ParsedTraceId } from "../../trace-id";

export const SPANS_LOG_GROUP = "aws/spans";

/** The most rows a Logs Insights query returns; Transaction Search shows traces of up to 10,000 spans. */
export const SPANS_QUERY_LIMIT = 10_000;

const HEX32 = /^[0-9a-f]{32}$/;
const SAFE_WORD = /^[A-Za-z0-9 _.:/@+=,-]{1,200}$/;
const PRINTABLE = /^[\x20-\x7e]{1,200}$/;

export class SpansQueryError extends Error {
  constructor(
    readonly parameter: string,
    message: string,
  ) {
    super(message);
  }
}

function checkedHex(hex: string): string {
  if (!HEX32.test(hex)) throw new TypeError("aws/spans query: a trace ID must be 32 lowercase hex digits");
  return hex;
}

function safeWord(parameter: string, value: string): string {
  if (!SAFE_WORD.test(value)) {
    throw new SpansQueryError(parameter, `${parameter}: with TRACE_STORE=spans it may hold only letters, digits, spaces and _ . : / @ + = , - (at most 200)`);
  }
  return value;
}

function regexEscaped(value: string): string {
  if (!PRINTABLE.test(value))
    throw new SpansQueryError("operation", "operation: with TRACE_STORE=spans it may hold only printable ASCII characters (at most 200)");
  return value.replace(/[^A-Za-z0-9 ]/g, (c) => `\\${c}`);
}

function nanos(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) throw new TypeError("aws/spans query: a duration must be a finite non-negative number");
  return String(Math.round(ms * 1e6));
}

/**
 * The span records of one trace, oldest first, at most SPANS_QUERY_LIMIT: `@message` is the span's
 * JSON, `spanId` its ID. `fromMs`: only those whose event time is at or after it (epoch ms,
 * inclusive), for the next page of a trace with more spans than one query returns. The time is
 * compared as `toMillis(@timestamp)`, a number, as the Logs Insights datetime functions document it
 * (CWL_QuerySyntax-operations-functions.html: a human-readable timestamp cannot be filtered on).
 */
export function traceSpansQuery(id: ParsedTraceId, fromMs?: number): string {
  if (fromMs !== undefined && !(Number.isSafeInteger(fromMs) && fromMs >= 0))
    throw new TypeError("aws/spans query: a page's start must be whole epoch milliseconds");
  const time = fromMs === undefined ? "" : ` and toMillis(@timestamp) >= ${fromMs}`;
  return [
    "fields @timestamp, spanId, @message",
    `| filter traceId = "${checkedHex(id.hex)}"${time}`,
    "| sort @timestamp asc",
    `| limit ${SPANS_QUERY_LIMIT}`,
  ].join("\n");
}

/** A span is a trace's root when it names no parent (absent or empty). */
const ROOT_FILTER = '| filter not ispresent(parentSpanId) or parentSpanId = ""';

export interface RootSpansFilter {
  service?: string;
  /** A case-insensitive substring of the root span's name. */
  operation?: string;
  minDurationMs?: number;
  maxDurationMs?: number;
  limit: number;
}

/** The newest root spans of the window that pass the filters: one row per trace. */
export function rootSpansQuery(filter: RootSpansFilter): string {
  const lines = ["fields @timestamp, @message", ROOT_FILTER];
  if (filter.service !== undefined) lines.push(`| filter resource.attributes.service.name = "${safeWord("service", filter.service)}"`);
  if (filter.operation !== undefined) lines.push(`| filter name like /(?i)${regexEscaped(filter.operation)}/`);
  if (filter.minDurationMs !== undefined) lines.push(`| filter durationNano >= ${nanos(filter.minDurationMs)}`);
  if (filter.maxDurationMs !== undefined) lines.push(`| filter durationNano <= ${nanos(filter.maxDurationMs)}`);
  if (!Number.isInteger(filter.limit) || filter.limit < 1 || filter.limit > SPANS_QUERY_LIMIT) throw new TypeError("aws/spans query: limit out of range");
  lines.push("| sort @timestamp desc", `| limit ${filter.limit}`);
  return lines.join("\n");
}

/** The fields that decide each span's status, for the spans of these traces (span counts and the worst status). */
export function traceStatusQuery(traceHexes: readonly string[]): string {
  if (traceHexes.length === 0) throw new TypeError("aws/spans query: no trace ID");
  const ids = traceHexes.map((hex) => `"${checkedHex(hex)}"`).join(", ");
  return [
    "fields traceId, spanId, status.code, attributes.http.response.status_code, attributes.http.status_code, attributes.error.type",
    `| filter traceId in [${ids}]`,
    `| limit ${SPANS_QUERY_LIMIT}`,
  ].join("\n");
}
