/**
 * Reading parsed OTLP/JSON with checked types. As in proto3 JSON, an absent or null field is
 * the field's default; a field of the wrong type is an OtlpDecodeError naming the field (the
 * caller prepends the rest of the path). Unknown fields are ignored.
 */
import { OtlpDecodeError, forEachIn, mapIn } from "./errors";

export type JsonObject = { readonly [key: string]: unknown };

const EMPTY: readonly unknown[] = [];

export function describeValue(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "string") return `the string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
  if (typeof value === "number" || typeof value === "boolean") return `${typeof value} ${String(value)}`;
  return typeof value === "object" ? "an object" : typeof value;
}

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** `value` as an object; `field` names it in the error ("" when the caller's path already does). */
export function asObject(value: unknown, field: string): JsonObject {
  if (isJsonObject(value)) return value;
  throw new OtlpDecodeError(field, `must be an object, got ${describeValue(value)}`);
}

export function objectAt(obj: JsonObject, key: string): JsonObject | null {
  const value = obj[key];
  return value === undefined || value === null ? null : asObject(value, key);
}

export function arrayAt(obj: JsonObject, key: string): readonly unknown[] {
  const value = obj[key];
  if (value === undefined || value === null) return EMPTY;
  if (Array.isArray(value)) return value;
  throw new OtlpDecodeError(key, `must be an array, got ${describeValue(value)}`);
}

export function stringAt(obj: JsonObject, key: string): string {
  const value = obj[key];
  if (value === undefined || value === null) return "";
  if (typeof value === "string") return value;
  throw new OtlpDecodeError(key, `must be a string, got ${describeValue(value)}`);
}

/** Map the objects of the array `key`, with errors placed at `key[i]`. */
export function mapObjectsAt<R>(obj: JsonObject, key: string, read: (item: JsonObject) => R): R[] {
  return mapIn(arrayAt(obj, key), key, (item) => read(asObject(item, "")));
}

/** Visit the objects of the array `key`, with errors placed at `key[i]`. */
export function forEachObjectAt(obj: JsonObject, key: string, visit: (item: JsonObject) => void): void {
  forEachIn(arrayAt(obj, key), key, (item) => visit(asObject(item, "")));
}
