/**
 * A Logs Insights GetQueryResults `results` (rows of `{ field, value }`) → LogEvents, oldest first.
 *
 * - timestamp: `@timestamp` ("2024-05-19 06:10:35.743", UTC); rows without one are dropped.
 * - logGroup: `@log` without the `123456789012:` account prefix Logs Insights puts before it;
 *   account: that prefix (a linked source account's, when a monitoring account reads its groups).
 * - fields: the keys of a JSON message, then every result field not starting with `@`, and
 *   `@logStream`.
 * - level: a `level` / `levelname` / `severity` field (words, or pino's numbers), else the first
 *   upper-case level word of the message (`ERROR`, `WARN`, `INFO`, `DEBUG`, …).
 * - traceId / spanId: the trace ID fields, else an X-Ray ID in the message; `spanId` / `span_id`,
 *   else a Lambda REPORT line's SegmentId.
 * - service: a `service` field, else the log group (`/aws/lambda/<fn>`, `/ecs/<service>`).
 * - id: `@ptr`, Logs Insights' own stable pointer to the event.
 */
import type { Attributes, LogEvent, LogLevel } from "../../model";
import { findTraceIdInText, isSpanId, toW3C } from "../../trace-id";
import { isRecord, stringAt, toAttributes } from "../../json-value";
import { parseLambdaPlatformLine } from "../../analysis/lambda-report";
import { TRACE_ID_FIELDS } from "./logs-query";

const LEVEL_WORDS: ReadonlyMap<string, LogLevel> = new Map<string, LogLevel>([
  ["trace", "trace"],
  ["debug", "debug"],
  ["info", "info"],
  ["information", "info"],
  ["notice", "info"],
  ["warn", "warn"],
  ["warning", "warn"],
  ["error", "error"],
  ["err", "error"],
  ["fatal", "fatal"],
  ["critical", "fatal"],
  // pino / bunyan numeric levels
  ["10", "trace"],
  ["20", "debug"],
  ["30", "info"],
  ["40", "warn"],
  ["50", "error"],
  ["60", "fatal"],
]);

const LEVEL_FIELDS = ["level", "levelname", "severity"];
const MESSAGE_LEVEL = /\b(TRACE|DEBUG|INFO|WARN|WARNING|ERROR|FATAL|CRITICAL)\b/;
const ACCOUNT_PREFIX = /^(\d{12}):/;
const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?Z?$/;

/** "2024-05-19 06:10:35.743" (UTC) → epoch ms; null when it is not such a time. */
function parseTimestamp(value: string | undefined): number | null {
  const m = value === undefined ? null : TIMESTAMP.exec(value);
  if (!m) return null;
  const ms = Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]);
  return Number.isFinite(ms) ? ms + (m[7] ? Math.round(Number(m[7]) * 1e6) / 1e3 : 0) : null;
}

function rowFields(row: unknown): Map<string, string> {
  const fields = new Map<string, string>();
  if (!Array.isArray(row)) return fields;
  for (const cell of row) {
    const field = isRecord(cell) ? stringAt(cell, "field") : null;
    const value = isRecord(cell) ? cell.value : undefined;
    if (field && typeof value === "string") fields.set(field, value);
  }
  return fields;
}

function jsonBody(message: string): Attributes {
  if (!message.trimStart().startsWith("{")) return {};
  try {
    const parsed: unknown = JSON.parse(message);
    return isRecord(parsed) ? toAttributes(parsed) : {};
  } catch {
    return {};
  }
}

function text(fields: Attributes, keys: readonly string[]): string | null {
  for (const key of keys) {
    const value = fields[key];
    if (typeof value === "string" && value.length > 0) return value;
    if (typeof value === "number") return String(value);
  }
  return null;
}

function levelOf(fields: Attributes, message: string): LogLevel {
  const word = text(fields, LEVEL_FIELDS);
  const fromField = word === null ? undefined : LEVEL_WORDS.get(word.trim().toLowerCase());
  if (fromField) return fromField;
  const token = MESSAGE_LEVEL.exec(message)?.[1];
  return (token === undefined ? undefined : LEVEL_WORDS.get(token.toLowerCase())) ?? "unknown";
}

/** `/aws/lambda/checkout` → checkout; `/ecs/orders-api` → orders-api. */
function serviceFromLogGroup(logGroup: string | null): string | null {
  const m = logGroup ? /^\/(?:aws\/lambda|ecs)\/([^/]+)/.exec(logGroup) : null;
  return m ? m[1] : null;
}

function toEvent(row: unknown, index: number): LogEvent | null {
  const result = rowFields(row);
  const timestamp = parseTimestamp(result.get("@timestamp"));
  if (timestamp === null) return null;
  const message = result.get("@message") ?? "";
  const log = result.get("@log");
  const logGroup = log ? log.slice(log.indexOf(":") + 1) || null : null;
  const account = log ? ACCOUNT_PREFIX.exec(log)?.[1] : undefined;

  const fields: Attributes = jsonBody(message);
  for (const [key, value] of result) if (!key.startsWith("@") || key === "@logStream") fields[key] = value;
  const all: Attributes = { ...fields, ...Object.fromEntries(result) };

  const platform = message.startsWith("REPORT ") || fields.type === "platform.report" ? parseLambdaPlatformLine(message) : null;
  const report = platform?.type === "report" ? platform : null;
  const fieldTraceId = text(all, TRACE_ID_FIELDS);
  const traceId = (fieldTraceId && toW3C(fieldTraceId)) ?? report?.traceId ?? findTraceIdInText(message);
  const fieldSpanId = text(all, ["spanId", "span_id"])?.toLowerCase() ?? null;
  const spanId = fieldSpanId && isSpanId(fieldSpanId) ? fieldSpanId : (report?.spanId ?? null);

  return {
    id: result.get("@ptr") ?? `${logGroup ?? ""}/${result.get("@logStream") ?? ""}/${timestamp}/${index}`,
    timestamp,
    message,
    level: levelOf(all, message),
    service: text(all, ["service"]) ?? serviceFromLogGroup(logGroup),
    traceId,
    spanId,
    logGroup,
    fields,
    ...(account ? { account } : {}),
  };
}

export function logEventsFromQueryResults(results: unknown): LogEvent[] {
  if (!Array.isArray(results)) return [];
  return results
    .map(toEvent)
    .filter((e): e is LogEvent => e !== null)
    .sort((a, b) => a.timestamp - b.timestamp);
}
