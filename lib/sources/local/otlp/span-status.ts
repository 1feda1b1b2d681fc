/** Span kind, HTTP status and X-Ray style status, derived from the OTLP span. */
import type { Attributes, SpanKind, SpanStatus } from "../../../model";

/** Indexed by the OTLP SpanKind number; UNSPECIFIED (0) and unknown values read as internal. */
const KINDS: readonly SpanKind[] = ["internal", "internal", "server", "client", "producer", "consumer"];

export function spanKind(otlpKind: number): SpanKind {
  return KINDS[otlpKind] ?? "internal";
}

/** OTLP Status.StatusCode ERROR. */
const STATUS_CODE_ERROR = 2;

function asHttpStatus(value: Attributes[string] | undefined): number | null {
  const n = typeof value === "number" ? value : typeof value === "string" && /^\d{3}$/.test(value) ? Number(value) : NaN;
  return Number.isInteger(n) && n >= 100 && n <= 599 ? n : null;
}

/** `http.response.status_code` (current semantic conventions) or the legacy `http.status_code`. */
export function httpStatusOf(attributes: Attributes): number | null {
  return asHttpStatus(attributes["http.response.status_code"]) ?? asHttpStatus(attributes["http.status_code"]);
}

/**
 * AWS answers throttling with HTTP 400 and one of these error codes (DynamoDB, most JSON APIs,
 * Lambda); X-Ray flags such calls as throttled, and so does Sightline.
 */
const AWS_THROTTLE_ERRORS = new Set([
  "ProvisionedThroughputExceededException",
  "ThrottlingException",
  "ThrottledException",
  "TooManyRequestsException",
  "RequestLimitExceeded",
  "SlowDown",
]);

/** `error.type` names an AWS throttling error. */
export function isThrottleError(attributes: Attributes): boolean {
  const type = attributes["error.type"];
  return typeof type === "string" && AWS_THROTTLE_ERRORS.has(type);
}

/**
 * X-Ray semantics: 429 or an AWS throttling error is a throttle, 5xx a fault, 4xx an error;
 * otherwise an OTel ERROR status is a fault.
 */
export function spanStatus(httpStatus: number | null, otlpStatusCode: number, throttled = false): SpanStatus {
  if (httpStatus === 429 || throttled) return "throttle";
  if (httpStatus !== null && httpStatus >= 500) return "fault";
  if (httpStatus !== null && httpStatus >= 400) return "error";
  return otlpStatusCode === STATUS_CODE_ERROR ? "fault" : "ok";
}
