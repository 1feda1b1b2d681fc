/**
 * OTLP/JSON field values: AnyValue and KeyValue lists, hex IDs, nanosecond times and enums.
 * The OTLP/JSON rules: IDs are hex (not base64), 64-bit integers may be strings or numbers,
 * enums may be numbers or their names, bytesValue is base64.
 */
import type { AttributeValue, Attributes } from "../../../model";
import { MAX_VALUE_DEPTH, setAttribute } from "./attributes";
import { OtlpDecodeError, forEachIn, within } from "./errors";
import { arrayAt, asObject, describeValue, objectAt, stringAt, type JsonObject } from "./json-shape";
import { decimalNanosToMicros } from "./nanos";
import { resourceContext, type ResourceContext } from "./resource";

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const DECIMAL_INTEGER = /^-?\d+$/;
const DECIMAL_NUMBER = /^-?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;
const BASE64 = /^[A-Za-z0-9+/_-]*={0,2}$/;
const HEX = /^[0-9a-fA-F]*$/;

/** A decimal integer → number when exact, else its canonical decimal string (int64 range only). */
function int64FromDecimal(value: string | number): number | string {
  const n = Number(value);
  if (Number.isSafeInteger(n)) return n;
  const big = BigInt(value);
  if (big >= INT64_MIN && big <= INT64_MAX) return big.toString();
  throw new OtlpDecodeError("intValue", `is outside the 64-bit integer range: ${describeValue(value)}`);
}

/** int64 as a JSON number or decimal string. */
function intValue(value: unknown): number | string {
  if ((typeof value === "number" && Number.isInteger(value)) || (typeof value === "string" && DECIMAL_INTEGER.test(value))) {
    return int64FromDecimal(value);
  }
  throw new OtlpDecodeError("intValue", `must be an integer or a decimal string, got ${describeValue(value)}`);
}

/** NaN and ±Infinity have no JSON form: keep them as the strings OTLP/JSON uses for them. */
function finiteOrName(n: number): number | string {
  return Number.isFinite(n) ? n : String(n);
}

/** double as a JSON number, or a string: "NaN", "Infinity", "-Infinity" or a decimal number. */
function doubleValue(value: unknown): number | string {
  if (typeof value === "number") return value;
  if (value === "NaN" || value === "Infinity" || value === "-Infinity") return value;
  if (typeof value === "string" && DECIMAL_NUMBER.test(value)) return finiteOrName(Number(value));
  throw new OtlpDecodeError("doubleValue", `must be a number, got ${describeValue(value)}`);
}

/** base64 (standard or URL-safe, padded or not) → standard padded base64, as protobuf bytes give. */
function bytesValue(value: unknown): string {
  if (typeof value === "string" && BASE64.test(value)) return Buffer.from(value, "base64").toString("base64");
  throw new OtlpDecodeError("bytesValue", `must be a base64 string, got ${describeValue(value)}`);
}

function stringValue(value: unknown): string {
  if (typeof value === "string") return value;
  throw new OtlpDecodeError("stringValue", `must be a string, got ${describeValue(value)}`);
}

function boolValue(value: unknown): boolean {
  if (typeof value === "boolean") return value;
  throw new OtlpDecodeError("boolValue", `must be a boolean, got ${describeValue(value)}`);
}

function present(value: unknown): boolean {
  return value !== undefined && value !== null;
}

function anyValue(value: unknown, depth: number): AttributeValue {
  if (!present(value)) return null;
  const v = asObject(value, "");
  if (present(v.stringValue)) return stringValue(v.stringValue);
  if (present(v.boolValue)) return boolValue(v.boolValue);
  if (present(v.intValue)) return intValue(v.intValue);
  if (present(v.doubleValue)) return doubleValue(v.doubleValue);
  if (present(v.arrayValue)) {
    const array = within("arrayValue", () => arrayAt(asObject(v.arrayValue, ""), "values"));
    return arrayOf(array, depth + 1);
  }
  if (present(v.kvlistValue)) {
    const list = within("kvlistValue", () => arrayAt(asObject(v.kvlistValue, ""), "values"));
    return keyValues(list, depth + 1, "kvlistValue.values");
  }
  if (present(v.bytesValue)) return bytesValue(v.bytesValue);
  return null;
}

function checkDepth(depth: number, field: string): void {
  if (depth > MAX_VALUE_DEPTH) throw new OtlpDecodeError(field, `nested deeper than ${MAX_VALUE_DEPTH} levels`);
}

function arrayOf(values: readonly unknown[], depth: number): AttributeValue[] {
  checkDepth(depth, "arrayValue");
  const out: AttributeValue[] = [];
  forEachIn(values, "arrayValue.values", (item) => {
    out.push(anyValue(item, depth));
  });
  return out;
}

function keyValues(list: readonly unknown[], depth: number, field: string): Attributes {
  checkDepth(depth, field);
  const out: Attributes = {};
  forEachIn(list, field, (item) => {
    const kv = asObject(item, "");
    setAttribute(
      out,
      stringAt(kv, "key"),
      within("value", () => anyValue(kv.value, depth)),
    );
  });
  return out;
}

/** The `attributes` KeyValue list of `obj` → an object (a later duplicate key wins). */
export function attributesAt(obj: JsonObject): Attributes {
  const list = arrayAt(obj, "attributes");
  return list.length === 0 ? {} : keyValues(list, 0, "attributes");
}

/** A single AnyValue field (a log record's body); null when absent or empty. */
export function valueAt(obj: JsonObject, key: string): AttributeValue {
  return within(key, () => anyValue(obj[key], 0));
}

export function resourceAt(obj: JsonObject): ResourceContext {
  const resource = objectAt(obj, "resource");
  return resourceContext(resource ? within("resource", () => attributesAt(resource)) : {});
}

/** A hex ID field → lowercase hex ("" when absent); length is checked by ids.ts. */
export function hexAt(obj: JsonObject, key: string): string {
  const value = obj[key];
  if (!present(value)) return "";
  if (typeof value === "string" && HEX.test(value)) return value.toLowerCase();
  throw new OtlpDecodeError(key, `must be a hex string, got ${describeValue(value)}`);
}

/** A *UnixNano field (decimal string or integer) → integer µs; 0 when absent. */
export function nanosAt(obj: JsonObject, key: string): number {
  const value = obj[key];
  if (!present(value)) return 0;
  if (typeof value === "number" && Number.isInteger(value) && value >= 0) return Math.floor(value / 1000);
  const micros = typeof value === "string" ? decimalNanosToMicros(value) : null;
  if (micros !== null) return micros;
  throw new OtlpDecodeError(key, `must be nanoseconds as a decimal string or a non-negative integer, got ${describeValue(value)}`);
}

/** An enum field: its number, or its name as defined in the schema (`"SPAN_KIND_SERVER"`); 0 when absent. */
export function enumAt(obj: JsonObject, key: string, values: Readonly<Record<string, number>>): number {
  const value = obj[key];
  if (!present(value)) return 0;
  if (typeof value === "number" && Number.isInteger(value)) return value;
  if (typeof value === "string" && Object.hasOwn(values, value)) return values[value];
  throw new OtlpDecodeError(key, `must be an enum number or name, got ${describeValue(value)}`);
}
