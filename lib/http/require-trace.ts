/** One trace from the configured source, or a 404 that says what was searched. */
import "server-only";
import { config } from "../config";
import type { Trace } from "../model";
import { getSource } from "../sources";
import { xrayTraceNotFoundMessage } from "../sources/aws/aws-errors";
import type { ParsedTraceId } from "../trace-id";
import { ApiError } from "./api-error";
import { traceNotFoundMessage } from "./not-found-message";

export async function requireTrace(id: ParsedTraceId): Promise<Trace> {
  const source = getSource();
  const trace = await source.getTrace(id);
  if (trace) return trace;
  const now = Date.now();
  const message = source.kind === "aws" ? xrayTraceNotFoundMessage(id, now) : traceNotFoundMessage(id, config().retentionMs, now);
  throw new ApiError(404, "trace_not_found", message);
}
