/**
 * SigV4 presence, not validity: a request must carry an `AWS4-HMAC-SHA256` Authorization header
 * whose credential scope names the service it was sent to (`…/xray/aws4_request`,
 * `…/logs/aws4_request`, `…/s3/aws4_request`), so tests prove the SDK signed for the right service. The signature
 * itself is not checked.
 */
import type { IncomingMessage } from "node:http";
import { AwsError } from "./aws-error";
import type { Service } from "./fault-errors";

const SIGV4 = /^AWS4-HMAC-SHA256 Credential=[^/\s]+\/\d{8}\/([a-z0-9-]+)\/([a-z0-9-]+)\/aws4_request,\s*SignedHeaders=[^,\s]+,\s*Signature=[0-9a-f]{64}$/;

export function signatureProblem(req: IncomingMessage, service: Service): AwsError | null {
  if (service === "s3") return s3SignatureProblem(req);
  const status = service === "xray" ? 403 : 400;
  const header = req.headers.authorization;
  if (typeof header !== "string" || header === "") {
    return new AwsError("MissingAuthenticationTokenException", "Missing Authentication Token", status);
  }
  const match = SIGV4.exec(header);
  if (!match) {
    return new AwsError(
      "IncompleteSignatureException",
      "Authorization header requires 'Credential', 'SignedHeaders' and 'Signature' (AWS4-HMAC-SHA256).",
      status,
    );
  }
  if (match[2] !== service) {
    return new AwsError("InvalidSignatureException", `Credential should be scoped to correct service: '${service}'.`, status);
  }
  return null;
}

/** S3 words the same problems its own way: anonymous access denied, a malformed header naming the service. */
function s3SignatureProblem(req: IncomingMessage): AwsError | null {
  const header = req.headers.authorization;
  if (typeof header !== "string" || header === "") return new AwsError("AccessDenied", "Access Denied", 403);
  const match = SIGV4.exec(header);
  if (!match) return new AwsError("AuthorizationHeaderMalformed", "The authorization header is malformed.", 400);
  if (match[2] !== "s3") {
    return new AwsError(
      "AuthorizationHeaderMalformed",
      `The authorization header is malformed; incorrect service "${match[2]}". This endpoint belongs to "s3".`,
      400,
    );
  }
  return null;
}
