/**
 * The AWS errors an injected fault answers with, per service, as each service's model and API
 * reference name them:
 * - X-Ray (restJson1): ThrottledException 429, ResourceNotFoundException 404; AccessDeniedException
 *   is not in the X-Ray model (the SDK surfaces it as XRayServiceException named
 *   AccessDeniedException) and comes with 403, like every IAM denial over REST.
 * - CloudWatch Logs (awsJson1_1): ThrottlingException, AccessDeniedException,
 *   ResourceNotFoundException as 400; ServiceUnavailableException as 500.
 * - S3 (restXml): SlowDown 503 (its throttle), AccessDenied 403, NoSuchBucket 404, InternalError 500.
 * - 503 ServiceUnavailable and 500 InternalFailure are the common errors of every AWS API.
 */
import { AwsError, clientError } from "./aws-error";
import { ACCOUNT_ID } from "./types";

export type Service = "xray" | "logs" | "s3";

export function throttleError(service: Service): AwsError {
  if (service === "s3") return new AwsError("SlowDown", "Please reduce your request rate.", 503);
  return service === "xray" ? new AwsError("ThrottledException", "Rate exceeded", 429) : clientError("ThrottlingException", "Rate exceeded");
}

const TEST_PRINCIPAL = `arn:aws:sts::${ACCOUNT_ID}:assumed-role/sightline-readonly/sightline-test`;

/** The IAM action of an S3 operation, where it is not named after it. */
const S3_ACTIONS: Record<string, string> = { HeadObject: "s3:GetObject", ListObjectsV2: "s3:ListBucket" };

export function accessDeniedError(service: Service, op: string, action?: string): AwsError {
  const denied = action ?? (service === "s3" ? (S3_ACTIONS[op] ?? `s3:${op}`) : `${service}:${op}`);
  const message = `User: ${TEST_PRINCIPAL} is not authorized to perform: ${denied} because no identity-based policy allows the ${denied} action`;
  if (service === "s3") return new AwsError("AccessDenied", message, 403);
  return service === "xray" ? new AwsError("AccessDeniedException", message, 403) : clientError("AccessDeniedException", message);
}

export function serverError(service: Service, status: 500 | 503): AwsError {
  if (status === 503) return new AwsError("ServiceUnavailable", "The request has failed due to a temporary failure of the server.", 503);
  if (service === "s3") return new AwsError("InternalError", "We encountered an internal error. Please try again.", 500);
  return service === "xray"
    ? new AwsError("InternalFailure", "The request processing has failed because of an unknown error, exception or failure.", 500)
    : new AwsError("ServiceUnavailableException", "The service cannot complete the request.", 500);
}

export function resourceNotFoundError(service: Service, op: string): AwsError {
  if (service === "s3") return new AwsError("NoSuchBucket", "The specified bucket does not exist", 404);
  return service === "xray"
    ? new AwsError("ResourceNotFoundException", `${op}: the requested resource was not found.`, 404)
    : clientError("ResourceNotFoundException", "The specified log group does not exist.");
}
