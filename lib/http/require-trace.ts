/** One trace from the configured source, or a 404 that says what was searched (in the source's own words). */
import "server-only";
import { config } from "../config";
import type { Trace } from "../model";
import { getSource } from "../sources";
import type { Source } from "../sources/source";
import type { ParsedTraceId } from "../trace-id";
import { ApiError } from "./api-error";

/**
 * The trace whole, for a route that answers with all of its spans (or reads them all).
 * `requester`: who asks (lib/auth/identity-headers.ts, requesterOf); on aws the trace's log search counts against their rate.
 * A trace of more than TRACE_READ_MAX_SPANS spans is refused (422 trace_too_large): where the
 * source can count a trace's spans without reading it, before the read.
 */
export async function requireTrace(id: ParsedTraceId, requester: string | null = null): Promise<Trace> {
  const source = getSource();
  await refuseTooLargeToRead(source, id);
  const trace = await source.getTrace(id, { requester });
  if (!trace) throw traceNotFound(id);
  refuseTooLarge(id, trace.spans.length);
  return trace;
}

/** Throws trace_too_large when the source can tell, without reading the trace, that it is over the limit. */
export async function refuseTooLargeToRead(source: Source, id: ParsedTraceId): Promise<void> {
  const summary = await source.leanTraces?.traceSummary?.(id);
  if (summary) refuseTooLarge(id, summary.spanCount);
}

/** Throws trace_too_large for a trace of `spanCount` spans over TRACE_READ_MAX_SPANS. */
export function refuseTooLarge(id: ParsedTraceId, spanCount: number): void {
  const max = config().traceReadMaxSpans;
  if (spanCount <= max) return;
  throw new ApiError(
    422,
    "trace_too_large",
    `Trace ${id.xray} has ${spanCount.toLocaleString("en-US")} spans, more than the ${max.toLocaleString("en-US")} a whole read answers ` +
      `(TRACE_READ_MAX_SPANS). Open /trace/${id.hex}: it shows the trace in windows of rows (…/outline, …/rows, …/find).`,
  );
}

/** The 404 for a trace the source does not have, in the source's words (what it searched). */
export const traceNotFound = (id: ParsedTraceId): ApiError => new ApiError(404, "trace_not_found", getSource().traceNotFoundMessage(id, Date.now()));
