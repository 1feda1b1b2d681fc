/** One trace from the configured source, or a 404 that says what was searched (in the source's own words). */
import "server-only";
import type { Trace } from "../model";
import { getSource } from "../sources";
import type { ParsedTraceId } from "../trace-id";
import { ApiError } from "./api-error";

/** `requester`: who asks (lib/auth/identity-headers.ts, requesterOf); on aws the trace's log search counts against their rate. */
export async function requireTrace(id: ParsedTraceId, requester: string | null = null): Promise<Trace> {
  const source = getSource();
  const trace = await source.getTrace(id, { requester });
  if (trace) return trace;
  throw traceNotFound(id);
}

/** The 404 for a trace the source does not have, in the source's words (what it searched). */
export const traceNotFound = (id: ParsedTraceId): ApiError => new ApiError(404, "trace_not_found", getSource().traceNotFoundMessage(id, Date.now()));
