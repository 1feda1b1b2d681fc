/** One trace from the configured source, or a 404 that says what was searched. */
import "server-only";
import { config } from "../config";
import type { Trace } from "../model";
import { awsSource, getSource } from "../sources";
import { xrayTraceNotFoundMessage } from "../sources/aws/aws-errors";
import type { ParsedTraceId } from "../trace-id";
import { ApiError } from "./api-error";
import { traceNotFoundMessage } from "./not-found-message";

/** `requester`: who asks (lib/auth/identity-headers.ts, requesterOf); on aws the trace's log search counts against their rate. */
export async function requireTrace(id: ParsedTraceId, requester: string | null = null): Promise<Trace> {
  const source = getSource();
  const aws = awsSource();
  const trace = aws ? await aws.getTrace(id, requester) : await source.getTrace(id);
  if (trace) return trace;
  const now = Date.now();
  const message = source.kind === "aws" ? xrayTraceNotFoundMessage(id, now) : traceNotFoundMessage(id, config().retentionMs, now);
  throw new ApiError(404, "trace_not_found", message);
}
