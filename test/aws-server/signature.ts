/**
 * SigV4 presence, not validity: a request must carry an `AWS4-HMAC-SHA256` Authorization header
 * whose credential scope names the service it was sent to (`…/xray/aws4_request`,
 * `…/logs/aws4_request`), so tests prove the SDK signed for the right service. The signature
 * itself is not checked.
 */
import type { IncomingMessage } from "node:http";
import { AwsError } from "./aws-error";
import type { Service } from "./fault-errors";

const SIGV4 = /^AWS4-HMAC-SHA256 Credential=[^/\s]+\/\d{8}\/([a-z0-9-]+)\/([a-z0-9-]+)\/aws4_request,\s*SignedHeaders=[^,\s]+,\s*Signature=[0-9a-f]{64}$/;

export function signatureProblem(req: IncomingMessage, service: Service): AwsError | null {
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
