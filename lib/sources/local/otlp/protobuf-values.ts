/** Decoded protobuf AnyValue / KeyValue lists / Resource → plain JSON attribute values. */
import type { AttributeValue, Attributes } from "../../../model";
import { MAX_VALUE_DEPTH, setAttribute } from "./attributes";
import { mapIn, OtlpDecodeError, rethrowIn, within } from "./errors";
import type { PbAnyValue, PbInt64, PbKeyValue, PbResource } from "./protobuf-messages";
import { resourceContext, type ResourceContext } from "./resource";

const TWO_POW_32 = 4294967296;

/** int64 → number when exactly representable, else its decimal string. */
function int64Value(value: PbInt64): number | string {
  if (typeof value === "number") return value;
  const high = value.unsigned ? value.high >>> 0 : value.high;
  const n = high * TWO_POW_32 + (value.low >>> 0);
  // Beyond 2^53 the sum rounds, and rounds to a value that is not a safe integer.
  return Number.isSafeInteger(n) ? n : ((BigInt(high) << 32n) + BigInt(value.low >>> 0)).toString();
}

/** NaN and ±Infinity have no JSON form: keep them as the strings OTLP/JSON uses. */
function doubleValue(value: number): number | string {
  return Number.isFinite(value) ? value : String(value);
}

function base64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("base64");
}

/** The member of the AnyValue that is set: its one own property (undefined when empty). */
function setMember(v: PbAnyValue): keyof PbAnyValue | undefined {
  // protobufjs boundary: a decoded message's own properties are fields of its type.
  return Object.keys(v)[0] as keyof PbAnyValue | undefined;
}

function anyValueFromPb(v: PbAnyValue, depth: number): AttributeValue {
  switch (setMember(v)) {
    case "stringValue":
      return v.stringValue;
    case "boolValue":
      return v.boolValue;
    case "intValue":
      return int64Value(v.intValue);
    case "doubleValue":
      return doubleValue(v.doubleValue);
    case "bytesValue":
      return base64(v.bytesValue);
    case "arrayValue":
      return arrayFromPb(v.arrayValue?.values ?? [], depth + 1);
    case "kvlistValue":
      return keyValuesFromPb(v.kvlistValue?.values ?? [], depth + 1, "kvlistValue.values");
    case undefined:
      return null;
  }
}

function checkDepth(depth: number, field: string): void {
  if (depth > MAX_VALUE_DEPTH) throw new OtlpDecodeError(field, `nested deeper than ${MAX_VALUE_DEPTH} levels`);
}

function arrayFromPb(values: PbAnyValue[], depth: number): AttributeValue[] {
  checkDepth(depth, "arrayValue");
  return mapIn(values, "arrayValue.values", (value) => anyValueFromPb(value, depth));
}

function keyValuesFromPb(list: PbKeyValue[], depth: number, field: string): Attributes {
  checkDepth(depth, field);
  const out: Attributes = {};
  for (let i = 0; i < list.length; i++) {
    const kv = list[i];
    try {
      setAttribute(out, kv.key, kv.value ? anyValueFromPb(kv.value, depth) : null);
    } catch (err) {
      rethrowIn(err, `${field}[${i}].value`);
    }
  }
  return out;
}

/** A log record's body (or any single AnyValue field); null when absent or empty. */
export function valueFromPb(v: PbAnyValue | null): AttributeValue {
  return v ? anyValueFromPb(v, 0) : null;
}

/** An `attributes` KeyValue list → an object (a later duplicate key wins). */
export function attributesField(list: PbKeyValue[]): Attributes {
  return list.length === 0 ? {} : keyValuesFromPb(list, 0, "attributes");
}

export function resourceFromPb(resource: PbResource | null): ResourceContext {
  return resourceContext(resource ? within("resource", () => attributesField(resource.attributes)) : {});
}
