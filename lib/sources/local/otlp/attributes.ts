/** Building attribute objects from untrusted key/value lists. */
import type { AttributeValue, Attributes } from "../../../model";

/**
 * Values nest (arrays, key/value lists) up to this depth; deeper input is refused rather than
 * risking the stack. Real telemetry stays within a handful of levels.
 */
export const MAX_VALUE_DEPTH = 32;

/** `target[key] = value`, except that a `__proto__` key becomes an own property, not a prototype. */
export function setAttribute(target: Attributes, key: string, value: AttributeValue): void {
  if (key === "__proto__") {
    Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  } else {
    target[key] = value;
  }
}
