/**
 * The Transaction Search side of X-Ray: GetTraceSegmentDestination (where segments go), and the
 * trace retrieval that replaces BatchGetTraces there: StartTraceRetrieval → RetrievalToken,
 * ListRetrievedTraces (RUNNING with no traces until the run time elapses, then COMPLETE),
 * CancelTraceRetrieval. The retrieval runs as long as a Logs Insights query (`queryRunMs`).
 */
import { randomUUID } from "node:crypto";
import { AwsError } from "../aws-error";
import type { Handler } from "../context";
import { invalidRequest, timeWindow, xrayReader } from "./trace-handlers";

export const getTraceSegmentDestination: Handler = (ctx) => ({
  Destination: ctx.settings.transactionSearch ? "CloudWatchLogs" : "XRay",
  Status: "ACTIVE",
});

export const startTraceRetrieval: Handler = (ctx, input) => {
  const reader = xrayReader(input);
  const traceIds = reader.stringArray("TraceIds", 1, 5);
  timeWindow(reader);
  if (!ctx.settings.transactionSearch) {
    throw invalidRequest("Trace retrieval needs Transaction Search: this account sends its segments to X-Ray.");
  }
  const token = randomUUID();
  ctx.retrievals.set(token, { traceIds, startedAt: ctx.now(), cancelled: false });
  return { RetrievalToken: token };
};

function retrievalOf(ctx: Parameters<Handler>[0], input: unknown) {
  const token = xrayReader(input).string("RetrievalToken");
  const retrieval = ctx.retrievals.get(token);
  if (!retrieval) throw new AwsError("ResourceNotFoundException", `Retrieval token ${token} not found.`, 404);
  return retrieval;
}

export const listRetrievedTraces: Handler = (ctx, input) => {
  const reader = xrayReader(input);
  const format = reader.optionalString("TraceFormat") ?? "XRAY";
  if (format !== "XRAY") throw invalidRequest("The AWS test server returns TraceFormat XRAY only.");
  const retrieval = retrievalOf(ctx, input);
  if (retrieval.cancelled) return { RetrievalStatus: "CANCELLED", TraceFormat: format, Traces: [] };
  if (ctx.now() - retrieval.startedAt < ctx.settings.queryRunMs) return { RetrievalStatus: "RUNNING", TraceFormat: format, Traces: [] };
  const traces = retrieval.traceIds
    .map((id) => ctx.segments.trace(id))
    .filter((t) => t !== null)
    .map((t) => ({ Id: t.id, Duration: t.duration, Spans: t.docs.map((d) => ({ Id: d.id, Document: JSON.stringify(d.raw) })) }));
  return { RetrievalStatus: "COMPLETE", TraceFormat: format, Traces: traces };
};

export const cancelTraceRetrieval: Handler = (ctx, input) => {
  retrievalOf(ctx, input).cancelled = true;
  return {};
};
