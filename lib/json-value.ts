/**
 * Reading parsed JSON of unknown shape (AWS answers, Lambda platform log lines) without trusting it: every reader returns
 * null for a missing or wrongly typed value instead of throwing.
 */
import type { AttributeValue, Attributes } from "./model";

export type JsonRecord = { readonly [key: string]: unknown };

export function isRecord(value: unknown): value is JsonRecord {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function recordAt(obj: JsonRecord, key: string): JsonRecord | null {
  const value = obj[key];
  return isRecord(value) ? value : null;
}

export function arrayAt(obj: JsonRecord, key: string): readonly unknown[] {
  const value = obj[key];
  return Array.isArray(value) ? value : [];
}

/** A non-empty string, or null. */
export function stringAt(obj: JsonRecord, key: string): string | null {
  const value = obj[key];
  return typeof value === "string" && value.length > 0 ? value : null;
}

/** A finite number, or null. */
export function numberAt(obj: JsonRecord, key: string): number | null {
  const value = obj[key];
  return typeof value === "number" && Number.isFinite(value) ? value : null;
}

/** A JSON object as attributes, each value converted by `toAttributeValue`. */
export function toAttributes(record: JsonRecord): Attributes {
  const attributes: Attributes = {};
  for (const key of Object.keys(record)) {
    const value = toAttributeValue(record[key]);
    // Assigning `__proto__` would set the prototype: define it as a plain own key instead.
    if (key === "__proto__") Object.defineProperty(attributes, key, { value, enumerable: true, writable: true, configurable: true });
    else attributes[key] = value;
  }
  return attributes;
}

/**
 * Any JSON value as an attribute value. Objects are rebuilt by `toAttributes`, which defines own
 * properties, so a `__proto__` key stays a plain key.
 */
export function toAttributeValue(value: unknown): AttributeValue {
  if (typeof value === "string" || typeof value === "boolean") return value;
  if (typeof value === "number") return Number.isFinite(value) ? value : null;
  if (Array.isArray(value)) return value.map(toAttributeValue);
  if (isRecord(value)) return toAttributes(value);
  return null;
}
