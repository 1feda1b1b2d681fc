import { describe, expect, it } from "vitest";
import { ApiError } from "../../http/api-error";
import { parseTraceId } from "../../trace-id";
import { deniedAction, toApiError, xrayTraceNotFoundMessage } from "./aws-errors";

function awsError(name: string, message: string, httpStatusCode?: number): Error {
  return Object.assign(new Error(message), { name, $metadata: { httpStatusCode } });
}

describe("toApiError", () => {
  it("names the IAM action AWS denied, without the principal", () => {
    const e = toApiError(
      awsError(
        "AccessDeniedException",
        "User: arn:aws:sts::123456789012:assumed-role/r/s is not authorized to perform: logs:StartQuery because no identity-based policy allows the logs:StartQuery action",
        400,
      ),
      "logs:StartQuery",
    );
    expect([e.status, e.code]).toEqual([502, "aws_access_denied"]);
    expect(e.message).toBe("AWS denied logs:StartQuery: allow it in the IAM policy of Sightline's role (the README lists the read-only policy).");
  });

  it("falls back to the action of the call when AWS's message names none", () => {
    expect(toApiError(awsError("AccessDeniedException", "Access denied", 403), "xray:GetServiceGraph").message).toMatch(/^AWS denied xray:GetServiceGraph:/);
    expect(toApiError(awsError("XRayServiceException", "Forbidden", 403), "xray:BatchGetTraces").code).toBe("aws_access_denied");
  });

  it.each([
    [awsError("ThrottledException", "Rate exceeded", 429), 503, "aws_throttled"],
    [awsError("ThrottlingException", "Rate exceeded", 400), 503, "aws_throttled"],
    [awsError("SomethingElse", "slow down", 429), 503, "aws_throttled"],
    [awsError("TimeoutError", "Connection timed out after 1000 ms"), 504, "aws_unreachable"],
    [Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:1"), { code: "ECONNREFUSED" }), 504, "aws_unreachable"],
    [awsError("CredentialsProviderError", "Could not load credentials from any providers"), 502, "aws_credentials"],
    [awsError("ExpiredTokenException", "The security token included in the request is expired", 400), 502, "aws_credentials"],
    [new Error("Region is missing"), 502, "aws_credentials"],
    [awsError("InternalFailure", "unknown error", 500), 502, "aws_error"],
  ] as const)("maps %s", (error, status, code) => {
    const e = toApiError(error, "xray:GetTraceSummaries");
    expect([e.status, e.code]).toEqual([status, code]);
  });

  it("keeps an ApiError as it is", () => {
    const original = new ApiError(400, "invalid_filter", "x");
    expect(toApiError(original, "xray:GetTraceSummaries")).toBe(original);
  });

  it("reads the action out of AWS's message", () => {
    expect(deniedAction("is not authorized to perform: xray:BatchGetTraces on resource: *")).toBe("xray:BatchGetTraces");
    expect(deniedAction("nothing here")).toBeNull();
  });
});

describe("xrayTraceNotFoundMessage", () => {
  const now = Date.UTC(2026, 10, 21);
  const idAt = (ms: number) => {
    const r = parseTraceId(`1-${Math.floor(ms / 1000).toString(16)}-89b4a5c6d7e8f90123456789`);
    if (!r.ok) throw new Error(r.reason);
    return r.id;
  };

  it("says an X-Ray ID older than 30 days has expired", () => {
    expect(xrayTraceNotFoundMessage(idAt(now - 31 * 86_400_000), now)).toMatch(/X-Ray keeps traces for 30 days: it has expired\.$/);
  });

  it("says a recent one was never recorded", () => {
    expect(xrayTraceNotFoundMessage(idAt(now - 60_000), now)).toMatch(/never recorded/);
  });

  it("does not read a time into a random W3C ID", () => {
    const r = parseTraceId("ffffffff89b4a5c6d7e8f90123456789");
    if (!r.ok) throw new Error(r.reason);
    expect(xrayTraceNotFoundMessage(r.id, now)).toBe("X-Ray has no trace 1-ffffffff-89b4a5c6d7e8f90123456789.");
  });
});
