/**
 * X-Ray segment documents as the server keeps them: validated on the way in (the required fields
 * of the segment document schema), read with checks (documents are `unknown` JSON).
 */
import { type JsonObject, isObject } from "../input";

const TRACE_ID = /^1-[0-9a-f]{8}-[0-9a-f]{24}$/;
const ENTITY_ID = /^[0-9a-f]{16}$/;

export interface SegmentDoc {
  id: string;
  traceId: string;
  name: string;
  start: number;
  /** null while in progress. */
  end: number | null;
  parentId: string | null;
  inferred: boolean;
  origin: string | null;
  raw: JsonObject;
}

export function str(obj: JsonObject, key: string): string | null {
  const v = obj[key];
  return typeof v === "string" && v.length > 0 ? v : null;
}

export function num(obj: JsonObject, key: string): number | null {
  const v = obj[key];
  return typeof v === "number" && Number.isFinite(v) ? v : null;
}

export function obj(o: JsonObject, key: string): JsonObject | null {
  const v = o[key];
  return isObject(v) ? v : null;
}

function subsegmentsOf(entry: JsonObject): JsonObject[] {
  const v = entry.subsegments;
  return Array.isArray(v) ? v.filter(isObject) : [];
}

/** The document and all its nested subsegments, depth first. */
export function walkEntries(entry: JsonObject): JsonObject[] {
  const out: JsonObject[] = [entry];
  for (const sub of subsegmentsOf(entry)) out.push(...walkEntries(sub));
  return out;
}

/** Why a document is not a valid segment document, or null when it is. */
export function segmentProblem(doc: unknown): string | null {
  if (!isObject(doc)) return "a segment document is a JSON object";
  const id = doc.id;
  if (typeof id !== "string" || !ENTITY_ID.test(id)) return "id must be 16 lowercase hex digits";
  const traceId = doc.trace_id;
  if (typeof traceId !== "string" || !TRACE_ID.test(traceId)) return "trace_id must be 1-<8 hex>-<24 hex>";
  const name = doc.name;
  if (typeof name !== "string" || name.length === 0 || name.length > 200) return "name must be 1 to 200 characters";
  if (num(doc, "start_time") === null) return "start_time must be a number (epoch seconds)";
  if (num(doc, "end_time") === null && doc.in_progress !== true) return "end_time is required unless in_progress is true";
  if (doc.parent_id !== undefined && (typeof doc.parent_id !== "string" || !ENTITY_ID.test(doc.parent_id))) {
    return "parent_id must be 16 lowercase hex digits";
  }
  if (doc.type === "subsegment" && doc.parent_id === undefined) return "an independent subsegment needs a parent_id";
  return null;
}

/** A validated document as a SegmentDoc (call segmentProblem first). */
export function toSegmentDoc(doc: JsonObject): SegmentDoc {
  return {
    id: String(doc.id),
    traceId: String(doc.trace_id),
    name: String(doc.name),
    start: num(doc, "start_time") ?? 0,
    end: num(doc, "end_time"),
    parentId: str(doc, "parent_id"),
    inferred: doc.inferred === true,
    origin: str(doc, "origin"),
    raw: doc,
  };
}

export type Outcome = "ok" | "error" | "throttle" | "fault";

/** An entry's outcome from its flags and its HTTP response status. */
export function outcomeOf(entry: JsonObject): Outcome {
  const status = num(obj(obj(entry, "http") ?? {}, "response") ?? {}, "status");
  if (entry.fault === true || (status !== null && status >= 500)) return "fault";
  if (entry.throttle === true || status === 429) return "throttle";
  if (entry.error === true || (status !== null && status >= 400)) return "error";
  return "ok";
}
