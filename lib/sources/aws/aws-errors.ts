/**
 * AWS SDK errors → ApiError, in words an SRE can act on. These are server-side problems
 * (configuration, permissions, an outage), so they are 5xx, never 4xx: the caller did nothing
 * wrong. Nothing of the AWS answer but its error name and the IAM action reaches the message
 * (no principal ARN, no request ID, no credentials).
 *
 * - AccessDenied → 502 `aws_access_denied`, naming the IAM action to add to the policy.
 * - Missing, expired or rejected credentials, or no region → 502 `aws_credentials`.
 * - Throttling (what is left after the SDK's own retries) → 503 `aws_throttled`.
 * - Timeouts and network failures → 504 `aws_unreachable`.
 * - Anything else → 502 `aws_error`, with the AWS error name.
 */
import { ApiError } from "../../http/api-error";
import type { ParsedTraceId } from "../../trace-id";

const ACCESS_DENIED = new Set(["AccessDeniedException", "AccessDenied", "UnauthorizedOperation", "UnauthorizedException"]);
const BAD_CREDENTIALS = new Set([
  "CredentialsProviderError",
  "UnrecognizedClientException",
  "InvalidSignatureException",
  "ExpiredTokenException",
  "ExpiredToken",
  "InvalidClientTokenId",
  "SignatureDoesNotMatch",
]);
const THROTTLED = new Set([
  "ThrottledException",
  "ThrottlingException",
  "SlowDown",
  "Throttling",
  "TooManyRequestsException",
  "RequestLimitExceeded",
  "LimitExceededException",
]);
const UNREACHABLE_NAMES = new Set(["TimeoutError", "AbortError", "RequestTimeout", "RequestTimeoutException"]);
const UNREACHABLE_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "EPIPE", "ETIMEDOUT", "EHOSTUNREACH", "ENETUNREACH", "ENOTFOUND", "EAI_AGAIN"]);

interface ErrorShape {
  name: string;
  message: string;
  code: string | null;
  httpStatus: number | null;
}

function shapeOf(error: unknown): ErrorShape {
  if (!(error instanceof Error)) return { name: "Error", message: String(error), code: null, httpStatus: null };
  const code = "code" in error && typeof error.code === "string" ? error.code : null;
  const metadata = "$metadata" in error && typeof error.$metadata === "object" && error.$metadata !== null ? error.$metadata : null;
  const status = metadata && "httpStatusCode" in metadata && typeof metadata.httpStatusCode === "number" ? metadata.httpStatusCode : null;
  return { name: error.name, message: error.message, code, httpStatus: status };
}

/** `…is not authorized to perform: xray:BatchGetTraces because…` → `xray:BatchGetTraces`. */
export function deniedAction(message: string): string | null {
  return /perform: ([a-z0-9-]+:[A-Za-z0-9*]+)/.exec(message)?.[1] ?? null;
}

/** True for throttling that the SDK's retries did not absorb. */
export function isThrottling(error: unknown): boolean {
  const e = shapeOf(error);
  return THROTTLED.has(e.name) || e.httpStatus === 429;
}

/**
 * True for a failure that may pass by itself (throttling, a 5xx, a timeout or a network error):
 * worth another try later, unlike a denial or a bad request.
 */
export function isTransientAwsError(error: unknown): boolean {
  if (ApiError.is(error)) return error.code === "aws_throttled" || error.code === "aws_unreachable";
  const e = shapeOf(error);
  if (e.name === "LimitExceededException") return false;
  return (
    isThrottling(error) || UNREACHABLE_NAMES.has(e.name) || (e.code !== null && UNREACHABLE_CODES.has(e.code)) || (e.httpStatus !== null && e.httpStatus >= 500)
  );
}

export function errorName(error: unknown): string {
  return shapeOf(error).name;
}

/**
 * `action`: the IAM action of the call that failed (`xray:BatchGetTraces`), named when AWS's own
 * message does not name one.
 */
export function toApiError(error: unknown, action: string): ApiError {
  if (ApiError.is(error)) return error;
  const e = shapeOf(error);
  const service = action.startsWith("logs:") ? "CloudWatch Logs" : action.startsWith("s3:") ? "S3" : "X-Ray";
  if (ACCESS_DENIED.has(e.name) || e.httpStatus === 403) {
    const denied = deniedAction(e.message) ?? action;
    return new ApiError(
      502,
      "aws_access_denied",
      `AWS denied ${denied}: allow it in the IAM policy of Sightline's role (the README lists the read-only policy).`,
    );
  }
  if (BAD_CREDENTIALS.has(e.name)) {
    return new ApiError(
      502,
      "aws_credentials",
      `AWS credentials are missing, expired or rejected (${e.name}): check the credential chain Sightline runs with (environment, AWS_PROFILE, SSO, role).`,
    );
  }
  if (/region is missing/i.test(e.message)) {
    return new ApiError(502, "aws_credentials", "No AWS region is configured: set AWS_REGION (or a region in the AWS profile).");
  }
  if (isThrottling(error)) {
    return new ApiError(503, "aws_throttled", `${service} is throttling Sightline's requests (${e.name}), even after retries: try again in a moment.`);
  }
  if (e.name === "TimeoutError" && (e.code === null || !UNREACHABLE_CODES.has(e.code))) {
    return new ApiError(504, "aws_unreachable", `${service} did not answer in time (${e.message}): try again in a moment.`);
  }
  if (UNREACHABLE_NAMES.has(e.name) || (e.code !== null && UNREACHABLE_CODES.has(e.code))) {
    return new ApiError(504, "aws_unreachable", `${service} did not answer in time or could not be reached (${e.code ?? e.name}).`);
  }
  return new ApiError(502, "aws_error", `${service} answered ${action} with an error (${e.name}).`);
}

/** X-Ray keeps traces for 30 days. */
const XRAY_RETENTION_MS = 30 * 86_400_000;

/** The 404 message for a trace X-Ray does not have, saying when its ID shows it has expired. */
export function xrayTraceNotFoundMessage(id: ParsedTraceId, now: number): string {
  const startedMs = id.epochSeconds * 1000;
  const searched = `X-Ray has no trace ${id.xray}.`;
  // Only X-Ray-generated IDs carry a real time; a random W3C ID's first 8 digits mean nothing.
  if (startedMs < Date.UTC(2015, 0, 1) || startedMs > now + 86_400_000) return searched;
  const started = new Date(startedMs).toISOString();
  if (now - startedMs > XRAY_RETENTION_MS) {
    return `${searched} Its ID says it started at ${started}, and X-Ray keeps traces for 30 days: it has expired.`;
  }
  return `${searched} Its ID says it started at ${started}; X-Ray keeps traces for 30 days, so it was never recorded (not sampled, or its segments never arrived).`;
}
