/**
 * Protobuf AnyValue / KeyValue / Resource, read off the wire into plain JSON attribute values:
 * strings and booleans as they are, int64 as a number when exact (else its decimal string),
 * NaN and ±Infinity as strings, bytes as base64, arrays and kvlists nested, empty as null.
 *
 * A message field that occurs twice merges, as protobuf specifies and as protobufjs did: a
 * KeyValue's second `value` adds to the first. AnyValue's members are read as protobufjs read
 * them (proto-schema.ts declares them as plain fields, not a oneof): the member that occurs
 * first decides the kind, and that member's last occurrence its value.
 */
import type { AttributeValue, Attributes } from "../../../model";
import { MAX_VALUE_DEPTH, setAttribute } from "./attributes";
import { OtlpDecodeError } from "./errors";
import { placeIn } from "./protobuf-errors";
import type { WireReader } from "./wire-reader";

const TWO_POW_32 = 4294967296;

/** AnyValue members, by field number (0: no member read yet). */
const NONE = 0;
const ARRAY = 5;
const KVLIST = 6;

/** The kind decided by the last readAnyValue (returned beside the value without allocating). */
let lastKind = NONE;

/** int64 halves → number when exactly representable, else its decimal string. */
function int64Value(lo: number, hi: number): number | string {
  const high = hi | 0;
  const n = high * TWO_POW_32 + lo;
  // Beyond 2^53 the sum rounds, and rounds to a value that is not a safe integer.
  return Number.isSafeInteger(n) ? n : ((BigInt(high) << 32n) + BigInt(lo)).toString();
}

/** NaN and ±Infinity have no JSON form: keep them as the strings OTLP/JSON uses. */
function doubleValue(value: number): number | string {
  return Number.isFinite(value) ? value : String(value);
}

function checkDepth(depth: number, field: string): void {
  if (depth > MAX_VALUE_DEPTH) throw new OtlpDecodeError(field, `nested deeper than ${MAX_VALUE_DEPTH} levels`);
}

/** ArrayValue's elements, appended to `out` (a second arrayValue member continues the first). */
function readArray(r: WireReader, depth: number, out: AttributeValue[]): AttributeValue[] {
  checkDepth(depth, "arrayValue");
  const outer = r.enter();
  while (r.more()) {
    const tag = r.readTag();
    if (tag === 10) {
      // values = 1
      const index = out.length;
      const inner = r.enter();
      try {
        out.push(readAnyValue(r, depth, NONE, null));
      } catch (err) {
        placeIn(err, `arrayValue.values[${index}]`);
      }
      r.leave(inner);
    } else r.skip(tag);
  }
  r.leave(outer);
  return out;
}

/** KeyValueList's entries, added to `out`. */
function readKvlist(r: WireReader, depth: number, out: Attributes): Attributes {
  checkDepth(depth, "kvlistValue.values");
  const outer = r.enter();
  let index = 0;
  while (r.more()) {
    const tag = r.readTag();
    if (tag === 10) readKeyValue(r, depth, out, "kvlistValue.values", index++);
    else r.skip(tag);
  }
  r.leave(outer);
  return out;
}

/**
 * The fields of one AnyValue message (the reader already inside it), continuing a value of
 * `kind` read from an earlier occurrence of the same field. Sets lastKind.
 */
function readAnyValue(r: WireReader, depth: number, kind: number, value: AttributeValue): AttributeValue {
  while (r.more()) {
    const tag = r.readTag();
    let member: AttributeValue;
    switch (tag) {
      case 10: // string_value = 1
        member = r.readString();
        break;
      case 16: // bool_value = 2
        member = r.readBool();
        break;
      case 24: // int_value = 3
        r.readVarint64();
        member = int64Value(r.lo, r.hi);
        break;
      case 33: // double_value = 4
        member = doubleValue(r.readDouble());
        break;
      case 42: // array_value = 5
        member = readArray(r, depth + 1, kind === ARRAY ? (value as AttributeValue[]) : []);
        break;
      case 50: // kvlist_value = 6
        member = readKvlist(r, depth + 1, kind === KVLIST ? (value as Attributes) : {});
        break;
      case 58: // bytes_value = 7
        member = r.readBase64();
        break;
      default:
        r.skip(tag);
        continue;
    }
    const field = tag >>> 3;
    if (kind === NONE) kind = field;
    if (field === kind) value = member;
  }
  lastKind = kind;
  return value;
}

/** A log record's body: an AnyValue field, possibly continuing an earlier occurrence. */
export function readBody(r: WireReader, kind: number, value: AttributeValue): AttributeValue {
  const outer = r.enter();
  try {
    value = readAnyValue(r, 0, kind, value);
  } catch (err) {
    placeIn(err, "body");
  }
  r.leave(outer);
  return value;
}

/** The kind of the value the last readBody / readAnyValue returned, to pass to a later occurrence. */
export function kindOfLastValue(): number {
  return lastKind;
}

/**
 * One KeyValue message into `out` (a later duplicate key wins); errors in its value are
 * placed at `field[index].value`.
 */
export function readKeyValue(r: WireReader, depth: number, out: Attributes, field: string, index: number): void {
  const outer = r.enter();
  let key = "";
  let kind = NONE;
  let value: AttributeValue = null;
  while (r.more()) {
    const tag = r.readTag();
    if (tag === 10) {
      // key = 1
      key = r.readKey();
    } else if (tag === 18) {
      // value = 2
      const inner = r.enter();
      try {
        value = readAnyValue(r, depth, kind, value);
      } catch (err) {
        placeIn(err, `${field}[${index}].value`);
      }
      kind = lastKind;
      r.leave(inner);
    } else r.skip(tag);
  }
  r.leave(outer);
  setAttribute(out, key, value);
}

/** A Resource message's attributes, added to `out` (a second `resource` field merges); returns the new count. */
export function readResource(r: WireReader, out: Attributes, count: number): number {
  const outer = r.enter();
  try {
    while (r.more()) {
      const tag = r.readTag();
      if (tag === 10) readKeyValue(r, 0, out, "attributes", count++);
      else r.skip(tag);
    }
  } catch (err) {
    placeIn(err, "resource");
  }
  r.leave(outer);
  return count;
}
