/**
 * X-Ray trace operations: PutTraceSegments, BatchGetTraces, GetTraceSummaries.
 */
import { AwsError } from "../aws-error";
import type { Handler } from "../context";
import { InputReader } from "../input";
import { pageOf } from "../paging";
import { FilterSyntaxError, type FilterNode, matchesFilter, parseFilterExpression } from "./filter-expression";
import type { TraceView } from "./segment-store";
import { traceFacts, traceSummary } from "./trace-summary";

export function invalidRequest(message: string): AwsError {
  return new AwsError("InvalidRequestException", message, 400);
}

export function xrayReader(input: unknown): InputReader {
  return new InputReader(input, invalidRequest);
}

/** A REST-JSON timestamp member: epoch seconds (the SDK sends fractional seconds). */
export function timeWindow(reader: InputReader): { start: number; end: number } {
  const start = reader.number("StartTime");
  const end = reader.number("EndTime");
  if (start > end) throw invalidRequest("StartTime must be before EndTime.");
  return { start, end };
}

export const putTraceSegments: Handler = (ctx, input) => {
  const reader = xrayReader(input);
  const documents = reader.stringArray("TraceSegmentDocuments", 0, 10_000);
  const unprocessed: { Id?: string; ErrorCode: string; Message: string }[] = [];
  for (const text of documents) {
    let doc: unknown;
    try {
      doc = JSON.parse(text);
    } catch {
      unprocessed.push({ ErrorCode: "InvalidSegment", Message: "the segment document is not JSON" });
      continue;
    }
    const problem = ctx.segments.put(doc);
    if (problem !== null) {
      const id = typeof doc === "object" && doc !== null && "id" in doc && typeof doc.id === "string" ? doc.id : undefined;
      unprocessed.push({ ...(id ? { Id: id } : {}), ErrorCode: "InvalidSegment", Message: problem });
    }
  }
  return { UnprocessedTraceSegments: unprocessed };
};

export const batchGetTraces: Handler = (ctx, input) => {
  const reader = xrayReader(input);
  const ids = reader.stringArray("TraceIds", 1, 5);
  for (const id of ids) {
    if (id.length < 1 || id.length > 35) throw reader.fail("TraceIds", id, "Member must have length less than or equal to 35");
  }
  if (ctx.settings.transactionSearch) {
    // "You cannot find traces through this API if Transaction Search is enabled since trace is
    // not indexed in X-Ray" (BatchGetTraces, X-Ray API reference): an answer without the traces.
    return { Traces: [], UnprocessedTraceIds: [] };
  }
  const unprocessed = ctx.faults.takeUnprocessed("BatchGetTraces", ids);
  const traces: unknown[] = [];
  for (const id of new Set(ids)) {
    if (unprocessed.has(id)) continue;
    const trace = ctx.segments.trace(id);
    if (!trace) continue;
    traces.push({
      Id: trace.id,
      Duration: trace.duration,
      LimitExceeded: false,
      Segments: trace.docs.map((d) => ({ Id: d.id, Document: JSON.stringify(d.raw) })),
    });
  }
  return { Traces: traces, UnprocessedTraceIds: [...unprocessed] };
};

function inWindow(trace: TraceView, type: string, start: number, end: number): boolean {
  if (type === "TraceId") {
    const second = parseInt(trace.id.slice(2, 10), 16);
    return second + 1 > start && second <= end;
  }
  return trace.start <= end && trace.end >= start;
}

const SUMMARIES_PAGE_SIZE = 10;

export const getTraceSummaries: Handler = (ctx, input) => {
  const reader = xrayReader(input);
  const { start, end } = timeWindow(reader);
  const type = reader.optionalString("TimeRangeType") ?? "TraceId";
  if (!["TraceId", "Event", "Service"].includes(type)) {
    throw reader.fail("TimeRangeType", type, "Member must satisfy enum value set: [TraceId, Event, Service]");
  }
  const expression = reader.optionalString("FilterExpression");
  let filter: FilterNode | null = null;
  if (expression !== undefined && expression.trim() !== "") {
    try {
      filter = parseFilterExpression(expression);
    } catch (error) {
      if (error instanceof FilterSyntaxError) throw invalidRequest(`Invalid filter expression: ${error.message}.`);
      throw error;
    }
  }
  const inRange = ctx.segments.traces().filter((t) => inWindow(t, type, start, end));
  const matched = inRange
    .map(traceFacts)
    .filter((f) => filter === null || matchesFilter(filter, f))
    .sort((a, b) => b.trace.start - a.trace.start || a.trace.id.localeCompare(b.trace.id));
  const request = { start, end, type, expression: expression ?? "" };
  const page = pageOf(matched, SUMMARIES_PAGE_SIZE, "GetTraceSummaries", request, reader.optionalString("NextToken"), () =>
    invalidRequest("The NextToken is invalid for this request."),
  );
  return {
    TraceSummaries: page.items.map(traceSummary),
    ApproximateTime: end,
    TracesProcessedCount: inRange.length,
    ...(page.nextToken ? { NextToken: page.nextToken } : {}),
  };
};
