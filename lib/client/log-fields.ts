/** A log line's structured fields as the rows of a key/value table: objects and arrays pretty-printed. */
import type { AttributeValue, Attributes } from "../model";

export interface FieldRow {
  key: string;
  /** Strings as they are, everything else as JSON (objects and arrays indented by two spaces). */
  text: string;
  /** The text spans several lines (a JSON object or array): show it as a block. */
  block: boolean;
}

export function fieldRows(fields: Attributes): FieldRow[] {
  return Object.entries(fields).map(([key, value]) => {
    const block = isStructured(value);
    return { key, text: typeof value === "string" ? value : JSON.stringify(value, null, block ? 2 : undefined), block };
  });
}

function isStructured(value: AttributeValue): boolean {
  return value !== null && typeof value === "object" && Object.keys(value).length > 0;
}
