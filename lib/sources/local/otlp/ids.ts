/**
 * Trace and span ID rules shared by both encodings. IDs arrive here as lowercase hex (the
 * wire reader converts bytes, the JSON reader checks and lowercases the string); these
 * functions check length and the all-zero "invalid" value. Errors name the field only: the
 * reader that called them prepends the rest of the path.
 */
import { OtlpDecodeError } from "./errors";

export const TRACE_ID_BYTES = 16;
export const SPAN_ID_BYTES = 8;

const ZERO_TRACE_ID = "0".repeat(TRACE_ID_BYTES * 2);
const ZERO_SPAN_ID = "0".repeat(SPAN_ID_BYTES * 2);

function isAllZero(hex: string): boolean {
  return hex === ZERO_TRACE_ID || hex === ZERO_SPAN_ID;
}

function checkLength(hex: string, bytes: number, field: string): void {
  if (hex.length === bytes * 2) return;
  const got = hex.length % 2 === 0 ? `${hex.length / 2} bytes` : `${hex.length} hex digits`;
  throw new OtlpDecodeError(field, `must be ${bytes} bytes (${bytes * 2} hex digits), got ${got}`);
}

/** A span's own trace/span ID, or a link's: present, the right length, not all zero. */
export function requiredId(hex: string, bytes: number, field: string): string {
  checkLength(hex, bytes, field);
  if (isAllZero(hex)) throw new OtlpDecodeError(field, "must not be all zero (the invalid ID)");
  return hex;
}

/**
 * A parent span ID, or a log record's trace/span ID: empty means none. All zero also means
 * none (it is the "invalid" ID, which some SDKs send instead of leaving the field empty).
 */
export function optionalId(hex: string, bytes: number, field: string): string | null {
  if (hex.length === 0) return null;
  checkLength(hex, bytes, field);
  return isAllZero(hex) ? null : hex;
}
