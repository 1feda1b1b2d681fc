/**
 * OTLP/HTTP answers: success is an empty Export*ServiceResponse; a failure carries a google.rpc.Status
 * in the request's own encoding (OTLP specification, "Failures").
 */
import protobuf from "protobufjs";
import type { OtlpEncoding } from "../sources/local/otlp";

const GRPC_INVALID_ARGUMENT = 3;
const GRPC_UNAVAILABLE = 14;
const GRPC_UNAUTHENTICATED = 16;

const CONTENT_TYPE: Record<OtlpEncoding, string> = { protobuf: "application/x-protobuf", json: "application/json" };

export function otlpSuccess(encoding: OtlpEncoding): Response {
  const body = encoding === "json" ? "{}" : new Uint8Array(0);
  return new Response(body, { status: 200, headers: { "content-type": CONTENT_TYPE[encoding] } });
}

/**
 * `retryAfterSeconds` sets Retry-After, which OTLP exporters honour on their retryable statuses
 * (429, 502, 503, 504).
 */
export function otlpFailure(encoding: OtlpEncoding, status: number, code: string, message: string, retryAfterSeconds?: number): Response {
  const grpcCode = status >= 500 ? GRPC_UNAVAILABLE : status === 401 ? GRPC_UNAUTHENTICATED : GRPC_INVALID_ARGUMENT;
  const retryAfter: Record<string, string> = retryAfterSeconds === undefined ? {} : { "retry-after": String(retryAfterSeconds) };
  if (encoding === "json") {
    return Response.json({ code: grpcCode, message, error: { code, message } }, { status, headers: retryAfter });
  }
  // google.rpc.Status { int32 code = 1; string message = 2; }
  const bytes = protobuf.Writer.create().uint32(8).int32(grpcCode).uint32(18).string(message).finish();
  return new Response(new Uint8Array(bytes), { status, headers: { "content-type": CONTENT_TYPE.protobuf, ...retryAfter } });
}
