/**
 * GetTraceSummaries' FilterExpression, built from the query's typed fields only:
 *
 * - service → `service("name")`: the name is checked against the characters X-Ray service names
 *   use (letters, digits, spaces and `. _ : @ / -`, at most 200), so it can contain neither a
 *   quote nor a backslash and cannot leave its string;
 * - minDurationMs → `duration >= N`, N in seconds written as a plain decimal: the whole trace's
 *   duration, which is what the list shows (TraceSummary.durationMs is X-Ray's `Duration`) and
 *   what the local source filters on (`responsetime` would be the root segment's own time);
 *   maxDurationMs → `duration <= N` likewise;
 * - operation → the root request, as the list's rootName is `METHOD /path`: an optional leading
 *   HTTP method becomes `http.method = "GET"`, the rest `http.url CONTAINS "/path"`;
 * - attributes → annotations, X-Ray's only indexed key=value pairs: `annotation.key = "value"`
 *   (a key may be given as `annotation.key`; X-Ray annotation keys are letters, digits and `_`).
 *   A value that reads as a number or a boolean also matches an annotation of that type:
 *   `(annotation.n = "5" OR annotation.n = 5)`.
 *
 * X-Ray's filter language documents no escape inside a double-quoted string, so a typed string
 * (operation, annotation value) with a double quote, a backslash or a control character is
 * rejected rather than escaped: it can never end its string early.
 * - status → the summary's status exactly, as trace-summaries.ts derives it (the worst of
 *   HasFault > HasThrottle > HasError), from the keywords `fault`, `throttle` and `error`:
 *   `error` alone would also match a trace that has a fault.
 *
 * A raw X-Ray filter expression (typed by the user in X-Ray's own dialect) may be added: it is
 * length-limited, its parentheses must balance outside its double-quoted strings, and it has
 * neither backslashes nor single quotes (so that this check and X-Ray's parser cannot disagree
 * about where a string ends). Wrapped in parentheses, it combines with the typed parts by AND
 * and cannot widen them. X-Ray parses and validates the rest.
 */
import type { AttributeFilter, SpanStatus } from "../../model";
import type { TraceQuery } from "../source";
import { FilterExpressionError } from "./filter-expression-error";
import { pivotFilterParts } from "./xray-pivot-filter";

export { FilterExpressionError };

/** The longest raw filter expression passed through. */
const MAX_FILTER_EXPRESSION = 2_000;

const SERVICE_NAME = /^[\p{L}\p{N}._:@/ -]{1,200}$/u;

const STATUS_FILTER: Record<SpanStatus, string> = {
  fault: "fault",
  throttle: "throttle AND NOT fault",
  error: "error AND NOT throttle AND NOT fault",
  ok: "NOT error AND NOT throttle AND NOT fault",
};

/** Seconds as a plain decimal (no exponent), to the microsecond. */
function seconds(ms: number): string {
  return (ms / 1000).toFixed(6).replace(/\.?0+$/, "") || "0";
}

/** Why the raw expression cannot be combined safely, or null. */
function rawProblem(raw: string): string | null {
  if (raw.length > MAX_FILTER_EXPRESSION) return `at most ${MAX_FILTER_EXPRESSION} characters, this has ${raw.length}`;
  if (/[\\']/.test(raw)) return "write strings in double quotes; backslashes and single quotes are not accepted";
  let depth = 0;
  let inString = false;
  for (const ch of raw) {
    if (ch === '"') inString = !inString;
    else if (!inString && ch === "(") depth += 1;
    else if (!inString && ch === ")" && --depth < 0) return "a ) closes a parenthesis that was never opened";
  }
  if (inString) return "a string is not closed";
  return depth === 0 ? null : "a ( is never closed";
}

const HTTP_METHOD = /^(GET|HEAD|POST|PUT|PATCH|DELETE|OPTIONS|TRACE|CONNECT)(?:\s+|$)/i;
const ANNOTATION_KEY = /^[A-Za-z0-9_]{1,100}$/;
const NUMBER = /^-?\d+(\.\d+)?$/;

/** `"text"`, or throws: see the header about quotes and backslashes. */
function quoted(param: string, text: string): string {
  if (/["\\\u0000-\u001f\u007f]/.test(text)) {
    throw new FilterExpressionError(`${param}: X-Ray filters cannot contain double quotes, backslashes or control characters`);
  }
  return `"${text}"`;
}

function operationFilter(operation: string): string {
  const trimmed = operation.trim();
  const method = HTTP_METHOD.exec(trimmed);
  const path = method ? trimmed.slice(method[0].length) : trimmed;
  const parts: string[] = [];
  if (method) parts.push(`http.method = ${quoted("operation", method[1].toUpperCase())}`);
  if (path) parts.push(`http.url CONTAINS ${quoted("operation", path)}`);
  if (!parts.length) throw new FilterExpressionError("operation: must not be empty");
  return parts.join(" AND ");
}

function annotationFilter({ key, value }: AttributeFilter): string {
  const name = key.startsWith("annotation.") ? key.slice("annotation.".length) : key;
  if (!ANNOTATION_KEY.test(name)) {
    throw new FilterExpressionError(`attr: X-Ray filters annotations only, whose keys are letters, digits and underscores; got "${key.slice(0, 40)}"`);
  }
  const text = `annotation.${name} = ${quoted("attr", value)}`;
  const typed = NUMBER.test(value) || value === "true" || value === "false";
  if (typed) return `(${text} OR annotation.${name} = ${value})`;
  return text;
}

/** The expression for the query, or undefined when it filters nothing. Throws FilterExpressionError. */
export function buildFilterExpression(query: Omit<TraceQuery, "from" | "to" | "limit">): string | undefined {
  const parts: string[] = [];
  if (query.service !== undefined) {
    if (!SERVICE_NAME.test(query.service)) {
      throw new FilterExpressionError("service: must be 1–200 letters, digits, spaces or . _ : @ / -");
    }
    parts.push(`service("${query.service}")`);
  }
  if (query.minDurationMs !== undefined) {
    if (!Number.isFinite(query.minDurationMs) || query.minDurationMs < 0) {
      throw new FilterExpressionError("minDurationMs: must be a non-negative number of milliseconds");
    }
    parts.push(`duration >= ${seconds(query.minDurationMs)}`);
  }
  if (query.maxDurationMs !== undefined) {
    if (!Number.isFinite(query.maxDurationMs) || query.maxDurationMs < 0) {
      throw new FilterExpressionError("maxDurationMs: must be a non-negative number of milliseconds");
    }
    parts.push(`duration <= ${seconds(query.maxDurationMs)}`);
  }
  if (query.operation !== undefined) parts.push(operationFilter(query.operation));
  for (const filter of query.attributes ?? []) parts.push(annotationFilter(filter));
  parts.push(...pivotFilterParts(query));
  if (query.status !== undefined) {
    const filter = STATUS_FILTER[query.status];
    if (filter === undefined) throw new FilterExpressionError(`status: must be one of ${Object.keys(STATUS_FILTER).join(", ")}`);
    parts.push(filter);
  }
  const raw = query.filterExpression?.trim();
  if (raw) {
    const problem = rawProblem(raw);
    if (problem) throw new FilterExpressionError(`filterExpression: ${problem}`);
    parts.push(parts.length ? `(${raw})` : raw);
  }
  return parts.length ? parts.join(" AND ") : undefined;
}
