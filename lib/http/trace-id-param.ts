import { ACCEPTED_TRACE_ID_FORMS, parseTraceId, type ParsedTraceId } from "../trace-id";
import { ApiError } from "./api-error";

/** The `{traceId}` path segment, in any accepted form, or a 400 naming the forms. */
export function traceIdParam(raw: string): ParsedTraceId {
  let decoded: string;
  try {
    decoded = decodeURIComponent(raw);
  } catch {
    decoded = raw;
  }
  const r = parseTraceId(decoded);
  if (!r.ok) {
    throw new ApiError(400, "invalid_trace_id", `Malformed trace ID: ${r.reason}. Accepted: ${ACCEPTED_TRACE_ID_FORMS}.`);
  }
  return r.id;
}
