/**
 * A Lambda REPORT line's figures as fields of its LogEvent, under `lambda.report.*`, so the UI can
 * show cold starts and memory pressure on the Lambda span without parsing messages itself.
 */
import type { Attributes, LogEvent } from "../../model";
import { parseLambdaPlatformLine } from "../../analysis/lambda-report";

const LAMBDA_REPORT_PREFIX = "lambda.report.";

export function withLambdaReport(event: LogEvent): LogEvent {
  const isReport = event.message.startsWith("REPORT ") || event.fields.type === "platform.report";
  const line = isReport ? parseLambdaPlatformLine(event.message) : null;
  if (line?.type !== "report") return event;
  const figures: Record<string, number | string | boolean | null> = {
    requestId: line.requestId,
    durationMs: line.durationMs,
    billedDurationMs: line.billedDurationMs,
    memorySizeMb: line.memorySizeMb,
    maxMemoryUsedMb: line.maxMemoryUsedMb,
    initDurationMs: line.initDurationMs,
    coldStart: line.coldStart,
    status: line.status,
  };
  const fields: Attributes = { ...event.fields };
  for (const [key, value] of Object.entries(figures)) if (value !== null && value !== "") fields[`${LAMBDA_REPORT_PREFIX}${key}`] = value;
  return { ...event, fields };
}
