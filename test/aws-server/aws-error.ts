/**
 * Errors as the two protocols put them on the wire, and the success answer.
 *
 * - awsJson1_1 (CloudWatch Logs): a status (400 for client faults, 500 for server faults) and a
 *   body `{"__type": "<Code>", "message": "…", …extra members}`.
 * - restJson1 (X-Ray): the status the model gives the error (e.g. 429 ThrottledException, 404
 *   ResourceNotFoundException), the header `x-amzn-ErrorType: <Code>` and a body
 *   `{"message": "…", …extra members}`.
 * - restXml (S3): the status and an `<Error><Code>…</Code><Message>…</Message>…</Error>` document
 *   (no body at all for a HEAD request: the SDK then knows the error by its status alone).
 */
import { randomUUID } from "node:crypto";
import type { ServerResponse } from "node:http";
import { errorXml } from "./s3/s3-xml";

export type Protocol = "json1.1" | "rest-json" | "rest-xml";

export class AwsError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status: number,
    /** Modeled members beyond `message` (e.g. MalformedQueryException's `queryCompileError`). */
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = code;
  }
}

/** A client error with status 400 (JSON 1.1 sends every client fault as 400). */
export function clientError(code: string, message: string, extra: Record<string, unknown> = {}): AwsError {
  return new AwsError(code, message, 400, extra);
}

/** The status line and headers of an answer of `length` bytes. */
function writeHead(res: ServerResponse, status: number, headers: Record<string, string>, length: number, contentType: string): void {
  res.writeHead(status, { "content-type": contentType, "content-length": String(length), "x-amzn-requestid": randomUUID(), ...headers });
}

function send(res: ServerResponse, status: number, headers: Record<string, string>, body: string, contentType: string): void {
  if (res.destroyed || res.headersSent) return;
  writeHead(res, status, headers, Buffer.byteLength(body), contentType);
  res.end(body);
}

function contentTypeOf(protocol: Protocol): string {
  if (protocol === "rest-xml") return "application/xml";
  return protocol === "json1.1" ? "application/x-amz-json-1.1" : "application/json";
}

export function writeResult(res: ServerResponse, protocol: Protocol, result: unknown): void {
  send(res, 200, {}, JSON.stringify(result ?? {}), contentTypeOf(protocol));
}

/** The success answer's status and headers (for a body sent in pieces); its body, encoded. */
export function startResult(res: ServerResponse, protocol: Protocol, result: unknown): Buffer {
  const body = Buffer.from(JSON.stringify(result ?? {}));
  writeHead(res, 200, {}, body.length, contentTypeOf(protocol));
  return body;
}

export function writeError(res: ServerResponse, protocol: Protocol, error: AwsError): void {
  if (protocol === "rest-xml") {
    const requestId = randomUUID().replace(/-/g, "").slice(0, 16).toUpperCase();
    const head = res.req.method === "HEAD";
    send(
      res,
      error.status,
      { "x-amz-request-id": requestId },
      head ? "" : errorXml(error.code, error.message, requestId, error.extra),
      contentTypeOf(protocol),
    );
    return;
  }
  if (protocol === "json1.1") {
    const body = { __type: error.code, message: error.message, ...error.extra };
    send(res, error.status, {}, JSON.stringify(body), contentTypeOf(protocol));
    return;
  }
  const body = { message: error.message, ...error.extra };
  send(res, error.status, { "x-amzn-errortype": error.code }, JSON.stringify(body), contentTypeOf(protocol));
}
