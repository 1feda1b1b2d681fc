/**
 * The fields Logs Insights sees in one log event:
 * - system fields: @timestamp, @ingestionTime, @message, @logStream, @log ("<account>:<group>"),
 *   and @ptr (an opaque pointer to the record);
 * - fields discovered in JSON messages: every key, nested objects flattened with dots and arrays
 *   with indexes (`a.b`, `items.0.id`), at most 200 per event, as CloudWatch documents;
 * - fields discovered in Lambda platform lines: @type, @requestId on START/END/REPORT, and on
 *   REPORT @duration, @billedDuration, @initDuration (ms), @memorySize, @maxMemoryUsed (bytes,
 *   MB × 1,000,000) and, when traced, @xrayTraceId and @xraySegmentId.
 */
import { isObject } from "../input";
import type { StoredEvent } from "./log-store";

export type FieldValue = string | number | boolean;
export type LogRecord = Map<string, FieldValue>;

const MAX_JSON_FIELDS = 200;
/** Fields shown as timestamps ("YYYY-MM-DD HH:MM:SS.mmm", UTC). */
const TIME_FIELDS: ReadonlySet<string> = new Set(["@timestamp", "@ingestionTime"]);

function formatTimestamp(ms: number): string {
  return new Date(ms).toISOString().replace("T", " ").replace("Z", "");
}

export function formatValue(field: string, value: FieldValue): string {
  if (TIME_FIELDS.has(field) && typeof value === "number") return formatTimestamp(value);
  return String(value);
}

export function pointerOf(event: StoredEvent): string {
  return Buffer.from(JSON.stringify([event.account, event.group, event.stream, event.seq])).toString("base64");
}

function flatten(value: unknown, prefix: string, out: LogRecord): void {
  if (out.size >= MAX_JSON_FIELDS + 16) return;
  if (typeof value === "string" || typeof value === "boolean" || (typeof value === "number" && Number.isFinite(value))) {
    out.set(prefix, value);
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => flatten(v, `${prefix}.${i}`, out));
  } else if (isObject(value)) {
    for (const [k, v] of Object.entries(value)) flatten(v, prefix ? `${prefix}.${k}` : k, out);
  }
}

function jsonFields(message: string): LogRecord {
  const out: LogRecord = new Map();
  const text = message.trim();
  if (!text.startsWith("{")) return out;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return out;
  }
  if (!isObject(parsed)) return out;
  const all: LogRecord = new Map();
  flatten(parsed, "", all);
  for (const [k, v] of all) {
    if (out.size >= MAX_JSON_FIELDS) break;
    out.set(k, v);
  }
  return out;
}

const PLATFORM = /^(START|END|REPORT) RequestId: ([0-9a-fA-F-]+)/;
const MS_FIELDS: [RegExp, string][] = [
  [/\tDuration: ([\d.]+) ms/, "@duration"],
  [/\tBilled Duration: ([\d.]+) ms/, "@billedDuration"],
  [/\tInit Duration: ([\d.]+) ms/, "@initDuration"],
];
const MB_FIELDS: [RegExp, string][] = [
  [/\tMemory Size: (\d+) MB/, "@memorySize"],
  [/\tMax Memory Used: (\d+) MB/, "@maxMemoryUsed"],
];

function lambdaFields(message: string): LogRecord {
  const out: LogRecord = new Map();
  const head = PLATFORM.exec(message);
  if (!head) return out;
  out.set("@type", head[1]);
  out.set("@requestId", head[2]);
  if (head[1] !== "REPORT") return out;
  for (const [re, field] of MS_FIELDS) {
    const m = re.exec(message);
    if (m) out.set(field, Number(m[1]));
  }
  for (const [re, field] of MB_FIELDS) {
    const m = re.exec(message);
    if (m) out.set(field, Number(m[1]) * 1_000_000);
  }
  const trace = /\tXRAY TraceId: (\S+)/.exec(message);
  if (trace) out.set("@xrayTraceId", trace[1]);
  const segment = /\tSegmentId: (\S+)/.exec(message);
  if (segment) out.set("@xraySegmentId", segment[1]);
  return out;
}

export function recordOf(event: StoredEvent): LogRecord {
  const record: LogRecord = new Map<string, FieldValue>([
    ["@timestamp", event.timestamp],
    ["@message", event.message],
    ["@logStream", event.stream],
    ["@log", `${event.account}:${event.group}`],
    ["@ingestionTime", event.ingestionTime],
  ]);
  for (const [k, v] of jsonFields(event.message)) if (!record.has(k)) record.set(k, v);
  for (const [k, v] of lambdaFields(event.message)) record.set(k, v);
  return record;
}
