/**
 * The Lambda invocations of a trace, for the request-ID pass of its logs search: a function's own
 * log lines often carry only the invocation's request ID (the runtime's `<time>\t<requestId>\t…`
 * text lines, JSON lines' `requestId`, START/END/REPORT), never the trace ID.
 *
 * X-Ray's `AWS::Lambda` segment (the Lambda service's view of the invocation) names it in
 * `aws.request_id`; an OpenTelemetry Lambda span in `faas.invocation_id` (`faas.execution`
 * before semantic conventions 1.9). The lines are attached to the function's own span (its
 * `AWS::Lambda::Function` child) when there is one, else to the invocation's span.
 */
import type { Span, Trace } from "../../model";
import { crossesAccounts, lambdaLogGroupOf } from "./log-groups";
import { REQUEST_ID } from "./logs-query";

/** A Lambda request ID: a UUID (the only form written into a query). */

export interface LambdaInvocation {
  requestId: string;
  /** `/aws/lambda/<function>`, or its ARN in a trace that crosses accounts (lambdaLogGroupOf). */
  logGroup: string;
  /** The span its lines belong to, and its service. */
  spanId: string;
  service: string;
  startTime: number;
  endTime: number;
}

function requestIdOf(span: Span): string | null {
  for (const key of ["aws.request_id", "faas.invocation_id", "faas.execution"]) {
    const value = span.attributes[key];
    if (typeof value === "string" && REQUEST_ID.test(value.toLowerCase())) return value.toLowerCase();
  }
  return null;
}

function isInvocation(span: Span): boolean {
  if (span.origin === "AWS::Lambda") return true;
  // OpenTelemetry: the function's server span carries the invocation ID itself.
  return span.origin === null && (span.attributes["faas.invocation_id"] !== undefined || span.attributes["faas.execution"] !== undefined);
}

/** Every invocation with a request ID and a function name, once per request ID. */
export function lambdaInvocationsOfTrace(trace: Trace): LambdaInvocation[] {
  const childrenOf = new Map<string, Span[]>();
  for (const span of trace.spans) {
    if (span.parentSpanId === null) continue;
    const list = childrenOf.get(span.parentSpanId);
    if (list) list.push(span);
    else childrenOf.set(span.parentSpanId, [span]);
  }
  const seen = new Set<string>();
  const byArn = crossesAccounts(trace.spans);
  const out: LambdaInvocation[] = [];
  for (const span of trace.spans) {
    if (!isInvocation(span)) continue;
    const requestId = requestIdOf(span);
    const fn = span.resource["faas.name"];
    if (requestId === null || typeof fn !== "string" || seen.has(requestId)) continue;
    const logGroup = lambdaLogGroupOf(fn, span.resource, byArn);
    if (logGroup === null) continue;
    seen.add(requestId);
    const own = (childrenOf.get(span.spanId) ?? []).find((child) => child.origin === "AWS::Lambda::Function") ?? span;
    out.push({ requestId, logGroup, spanId: own.spanId, service: own.service, startTime: span.startTime, endTime: Math.max(span.endTime, own.endTime) });
  }
  return out;
}
