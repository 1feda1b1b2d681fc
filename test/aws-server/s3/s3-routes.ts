/**
 * Which S3 operation a path-style request is (`/<bucket>/<key>`, `/<bucket>/?list-type=2`), and
 * the call as the server records it: the SDK's member names for what the request carried, so a
 * test can assert the headers the app sent (ServerSideEncryption, SSEKMSKeyId, IfMatch, …).
 */
import type { IncomingHttpHeaders, IncomingMessage } from "node:http";
import { deleteObject, getObject, headObject, listObjectsV2, putObject, type S3Handler, type S3Request } from "./s3-handlers";

export interface S3Address {
  op: string;
  handler: S3Handler | null;
  bucket: string;
  key: string | null;
  query: URLSearchParams;
}

const OBJECT_OPERATIONS: Record<string, { op: string; handler: S3Handler }> = {
  PUT: { op: "PutObject", handler: putObject },
  GET: { op: "GetObject", handler: getObject },
  HEAD: { op: "HeadObject", handler: headObject },
  DELETE: { op: "DeleteObject", handler: deleteObject },
};

/** S3 is the service whose requests are not POSTs (X-Ray's and CloudWatch Logs' all are). */
export function isS3Request(req: IncomingMessage): boolean {
  return req.method !== "POST";
}

export function s3AddressOf(req: IncomingMessage): S3Address {
  const url = new URL(req.url ?? "/", "http://s3.test");
  const [, rawBucket = "", ...rest] = url.pathname.split("/");
  const bucket = decodeURIComponent(rawBucket);
  const key = rest.length === 0 || (rest.length === 1 && rest[0] === "") ? null : decodeURIComponent(rest.join("/"));
  const query = url.searchParams;
  const known =
    key !== null
      ? OBJECT_OPERATIONS[req.method ?? ""]
      : req.method === "GET" && query.get("list-type") === "2"
        ? { op: "ListObjectsV2", handler: listObjectsV2 }
        : undefined;
  return { op: known?.op ?? "Unknown", handler: known?.handler ?? null, bucket, key, query };
}

const HEADER_MEMBERS: Record<string, string> = {
  "content-type": "ContentType",
  "content-encoding": "ContentEncoding",
  "x-amz-server-side-encryption": "ServerSideEncryption",
  "x-amz-server-side-encryption-aws-kms-key-id": "SSEKMSKeyId",
  "x-amz-server-side-encryption-bucket-key-enabled": "BucketKeyEnabled",
  "if-match": "IfMatch",
  "if-none-match": "IfNoneMatch",
  range: "Range",
};

const QUERY_MEMBERS: Record<string, string> = {
  prefix: "Prefix",
  "continuation-token": "ContinuationToken",
  "max-keys": "MaxKeys",
  "start-after": "StartAfter",
  delimiter: "Delimiter",
};

/** The recorded input of an S3 call: Bucket, Key, the query members and the headers that matter, and ContentLength for a body. */
export function s3Input(request: S3Request): Record<string, unknown> {
  const input: Record<string, unknown> = { Bucket: request.bucket };
  if (request.key !== null) input.Key = request.key;
  for (const [param, member] of Object.entries(QUERY_MEMBERS)) {
    const value = request.query.get(param);
    if (value !== null) input[member] = param === "max-keys" ? Number(value) : value;
  }
  const headers: IncomingHttpHeaders = request.headers;
  for (const [name, member] of Object.entries(HEADER_MEMBERS)) {
    const value = headers[name];
    if (typeof value === "string") input[member] = value;
  }
  const metadata = Object.fromEntries(
    Object.entries(headers)
      .filter(([name, value]) => name.startsWith("x-amz-meta-") && typeof value === "string")
      .map(([name, value]) => [name.slice("x-amz-meta-".length), value]),
  );
  if (Object.keys(metadata).length > 0) input.Metadata = metadata;
  if (request.method === "PUT") input.ContentLength = request.body.length;
  return input;
}
