/**
 * Structured log bodies, as JSON loggers and AWS Lambda Powertools write them: the body is a
 * kvlistValue, or a string holding a JSON object. Their keys become fields, their `message` /
 * `msg` the message, and their trace / span ID keys correlate a record that the SDK did not.
 */
import type { AttributeValue, Attributes } from "../../../model";
import { findTraceIdInText, isSpanId, parseTraceId } from "../../../trace-id";

type JsonObject = { [key: string]: AttributeValue };

function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

const LOOKS_LIKE_JSON_OBJECT = /^\s*\{/;

/** The body's keys when it is structured (a kvlist, or a string that parses as a JSON object). */
export function structuredBody(body: AttributeValue): JsonObject | null {
  if (isObject(body)) return body;
  if (typeof body !== "string" || !LOOKS_LIKE_JSON_OBJECT.test(body)) return null;
  try {
    // JSON.parse yields only JSON values, which is what AttributeValue describes.
    const parsed: unknown = JSON.parse(body);
    return isObject(parsed) ? parsed : null;
  } catch {
    return null;
  }
}

function stringAt(fields: Attributes, key: string): string | undefined {
  const value = fields[key];
  return typeof value === "string" ? value : undefined;
}

/** The human message: a structured body's `message` / `msg`, else the body as text. */
export function messageOf(body: AttributeValue, structured: JsonObject | null): string {
  if (structured) {
    const message = stringAt(structured, "message") ?? stringAt(structured, "msg");
    if (message !== undefined) return message;
  }
  if (typeof body === "string") return body;
  if (body === null) return "";
  return typeof body === "object" ? JSON.stringify(body) : String(body);
}

const TRACE_ID_KEYS = ["traceId", "trace_id", "xrayTraceId", "xray_trace_id"] as const;
const SPAN_ID_KEYS = ["spanId", "span_id"] as const;

/**
 * A trace ID (32 lowercase hex) from the fields' trace ID keys, in any form parseTraceId
 * accepts (W3C, X-Ray, `Root=…` header), else from an X-Ray ID in the message text.
 * Invalid values are skipped: logs are messy, and a bad ID must not lose the record.
 */
export function traceIdFromFields(fields: Attributes, message: string): string | null {
  for (const key of TRACE_ID_KEYS) {
    const value = stringAt(fields, key);
    if (value === undefined) continue;
    const parsed = parseTraceId(value);
    if (parsed.ok) return parsed.id.hex;
  }
  return findTraceIdInText(message);
}

/** A span ID (16 lowercase hex, not all zero) from the fields' span ID keys. */
export function spanIdFromFields(fields: Attributes): string | null {
  for (const key of SPAN_ID_KEYS) {
    const value = stringAt(fields, key)?.toLowerCase();
    if (value !== undefined && isSpanId(value)) return value;
  }
  return null;
}
