/**
 * Transaction Search's `aws/spans` log group: every span as one OpenTelemetry JSON log event
 * (CloudWatch user guide, "Spans"). Seeding only: CloudWatch Logs refuses PutLogEvents into
 * `aws/spans` ("Spans cannot be sent to CloudWatch Logs with the PutLogEvents API"), spans arrive
 * through X-Ray or the OTLP endpoint, which the test server does not model.
 *
 * Each record's event timestamp is its span's start (`startTimeUnixNano`, in ms), assumed: the
 * documentation does not say which time an `aws/spans` event carries.
 */
import { isObject } from "../input";
import type { LogStore } from "./log-store";

export const SPANS_GROUP = "aws/spans";
const SPANS_STREAM = "default";

/** A span record's start in epoch ms, or a reason it has none. */
function startMs(record: Record<string, unknown>): number | string {
  const value = record.startTimeUnixNano;
  if (typeof value === "number" && Number.isFinite(value) && value > 0) return Math.floor(value / 1e6);
  if (typeof value === "string" && /^\d{1,25}$/.test(value)) return Number(BigInt(value) / 1_000_000n);
  return "startTimeUnixNano must be epoch nanoseconds (a number or a decimal string)";
}

/** Stores span records (objects) as JSON log events of `aws/spans`; throws a TypeError naming the record that is not a span. */
export function putSpanRecords(logs: LogStore, records: readonly unknown[]): void {
  const events = records.map((record, i) => {
    if (!isObject(record)) throw new TypeError(`putSpans: record ${i} is not an object`);
    if (typeof record.traceId !== "string" || !/^[0-9a-f]{32}$/.test(record.traceId))
      throw new TypeError(`putSpans: record ${i}: traceId must be 32 lowercase hex digits`);
    if (typeof record.spanId !== "string" || !/^[0-9a-f]{16}$/.test(record.spanId))
      throw new TypeError(`putSpans: record ${i}: spanId must be 16 lowercase hex digits`);
    const timestamp = startMs(record);
    if (typeof timestamp === "string") throw new TypeError(`putSpans: record ${i}: ${timestamp}`);
    return { timestamp, message: JSON.stringify(record) };
  });
  logs.seed(
    SPANS_GROUP,
    SPANS_STREAM,
    events.sort((a, b) => a.timestamp - b.timestamp),
  );
}
