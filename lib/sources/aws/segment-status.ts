/**
 * Status of an X-Ray segment or subsegment, in X-Ray's own terms: the `throttle`, `fault` and
 * `error` flags the SDK set, or, without flags, the HTTP response status (429 throttle, 5xx fault,
 * 4xx error). The message is the first exception's.
 */
import type { SpanStatus } from "../../model";
import { type JsonRecord, arrayAt, asNumber, asRecord, isRecord, stringAt } from "../../json-value";

export interface SegmentOutcome {
  status: SpanStatus;
  httpStatus: number | null;
  statusMessage: string | null;
}

function httpStatusOf(entry: JsonRecord): number | null {
  const http = asRecord(entry.http);
  const response = http && asRecord(http.response);
  const status = response && asNumber(response.status);
  return status !== null && Number.isInteger(status) && status >= 100 && status <= 599 ? status : null;
}

function messageOf(entry: JsonRecord): string | null {
  const cause = asRecord(entry.cause);
  if (!cause) return null;
  for (const exception of arrayAt(cause, "exceptions")) {
    const message = isRecord(exception) ? stringAt(exception, "message") : null;
    if (message) return message;
  }
  return stringAt(cause, "message");
}

export function segmentOutcome(entry: JsonRecord): SegmentOutcome {
  const httpStatus = httpStatusOf(entry);
  let status: SpanStatus = "ok";
  if (entry.throttle === true) status = "throttle";
  else if (entry.fault === true) status = "fault";
  else if (entry.error === true) status = "error";
  else if (httpStatus === 429) status = "throttle";
  else if (httpStatus !== null && httpStatus >= 500) status = "fault";
  else if (httpStatus !== null && httpStatus >= 400) status = "error";
  return { status, httpStatus, statusMessage: messageOf(entry) };
}
