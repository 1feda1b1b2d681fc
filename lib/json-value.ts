/**
 * Reading parsed JSON of unknown shape (AWS answers, Lambda platform log lines) without trusting it: every reader returns
 * null for a missing or wrongly typed value instead of throwing.
 */
import type { AttributeValue, Attributes } from "./model";

export type JsonRecord = { readonly [key: string]: unknown };

export function isRecord(value: unknown): value is JsonRecord {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/*
 * Two forms of each reader. `stringAt(obj, key)` reads the key itself; `asString(obj.key)` checks a
 * value read at the call site. On hot paths the second is the one to use: every call of the first
 * shares one keyed property load, which sees every key and every object shape of the program and so
 * stays megamorphic, where `obj.key` written out is a load of one name (about 5 % of an X-Ray
 * conversion, bench/segments-convert.ts).
 */

export function asRecord(value: unknown): JsonRecord | null {
  return isRecord(value) ? value : null;
}

/** A non-empty string, or null. */
export function asString(value: unknown): string | null {
  return typeof value === "string" && value.length > 0 ? value : null;
}

/** A finite number, or null. */
export function asNumber(value: unknown): number | null {
  return typeof value === "number" && Number.isFinite(value) ? value : null;
}

export function recordAt(obj: JsonRecord, key: string): JsonRecord | null {
  return asRecord(obj[key]);
}

export function arrayAt(obj: JsonRecord, key: string): readonly unknown[] {
  const value = obj[key];
  return Array.isArray(value) ? value : [];
}

/** A non-empty string, or null. */
export function stringAt(obj: JsonRecord, key: string): string | null {
  return asString(obj[key]);
}

/** A finite number, or null. */
export function numberAt(obj: JsonRecord, key: string): number | null {
  return asNumber(obj[key]);
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
