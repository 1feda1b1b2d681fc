/**
 * The S3 subset Sightline's snapshot store uses, path-style (`/<bucket>/<key>`), as the SDK's
 * S3Client sends it with `forcePathStyle`: PutObject, GetObject, HeadObject, DeleteObject and
 * ListObjectsV2. What S3 checks on the way in is checked here too: the payload's SHA-256
 * (x-amz-content-sha256), Content-MD5 and the CRC32 checksum, the 2 KB of user metadata, the
 * server-side encryption headers, and If-Match / If-None-Match on PutObject. Anything the subset
 * does not have (ranges, conditional reads, delimiters, aws-chunked uploads) is a 501
 * NotImplemented rather than a silently different answer.
 */
import { createHash, randomUUID } from "node:crypto";
import type { IncomingHttpHeaders } from "node:http";
import { crc32 } from "node:zlib";
import { AwsError } from "../aws-error";
import type { ServerContext } from "../context";
import { ACCOUNT_ID, REGION } from "../types";
import { listBucketResultXml, type ListedObject } from "./s3-xml";
import type { S3Object, ServerSideEncryption } from "./s3-store";

export interface S3Request {
  method: string;
  bucket: string;
  /** null for a bucket-level request (ListObjectsV2). */
  key: string | null;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export interface S3Reply {
  status: number;
  headers: Record<string, string>;
  body: Buffer | string;
}

export type S3Handler = (ctx: ServerContext, request: S3Request) => S3Reply;

/** S3's limit on user-defined metadata: keys and values, UTF-8 bytes. */
const MAX_USER_METADATA_BYTES = 2048;
/** The key S3 uses for aws:kms without a key ID: the account's AWS managed key aws/s3. */
export const AWS_MANAGED_S3_KEY = `arn:aws:kms:${REGION}:${ACCOUNT_ID}:key/aws-s3-managed-key`;
const SSE_VALUES: ReadonlySet<string> = new Set<ServerSideEncryption>(["AES256", "aws:kms", "aws:kms:dsse"]);

function notImplemented(what: string): AwsError {
  return new AwsError(
    "NotImplemented",
    `A header or parameter you provided implies functionality that is not implemented: ${what} (not in the AWS test server's S3 subset).`,
    501,
  );
}

function header(request: S3Request, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value.join(",") : value;
}

function noSuchBucket(bucket: string): AwsError {
  return new AwsError("NoSuchBucket", "The specified bucket does not exist", 404, { BucketName: bucket });
}

function bucketOf(ctx: ServerContext, request: S3Request): Map<string, S3Object> {
  const bucket = ctx.s3.bucket(request.bucket);
  if (!bucket) throw noSuchBucket(request.bucket);
  return bucket;
}

function objectOf(ctx: ServerContext, request: S3Request): S3Object {
  const object = bucketOf(ctx, request).get(request.key ?? "");
  if (!object) throw new AwsError("NoSuchKey", "The specified key does not exist.", 404, { Key: request.key ?? "" });
  return object;
}

function precondition(condition: string): AwsError {
  return new AwsError("PreconditionFailed", "At least one of the pre-conditions you specified did not hold", 412, { Condition: condition });
}

/** What S3 checks of a body before it stores it. */
function checkIntegrity(request: S3Request): string | null {
  const sha = header(request, "x-amz-content-sha256");
  if (sha?.startsWith("STREAMING-")) throw notImplemented(`x-amz-content-sha256: ${sha} (aws-chunked uploads)`);
  if (sha && sha !== "UNSIGNED-PAYLOAD" && createHash("sha256").update(request.body).digest("hex") !== sha) {
    throw new AwsError("XAmzContentSHA256Mismatch", "The provided 'x-amz-content-sha256' header does not match what was computed.", 400);
  }
  const md5 = header(request, "content-md5");
  if (md5 && createHash("md5").update(request.body).digest("base64") !== md5) {
    throw new AwsError("BadDigest", "The Content-MD5 you specified did not match what we received.", 400);
  }
  const sent = header(request, "x-amz-checksum-crc32");
  if (sent === undefined) return null;
  const computed = Buffer.alloc(4);
  computed.writeUInt32BE(crc32(request.body));
  if (computed.toString("base64") !== sent) throw new AwsError("BadDigest", "The CRC32 you specified did not match the calculated checksum.", 400);
  return sent;
}

function userMetadata(request: S3Request): Record<string, string> {
  const metadata: Record<string, string> = {};
  let bytes = 0;
  for (const [name, value] of Object.entries(request.headers)) {
    if (!name.startsWith("x-amz-meta-") || value === undefined) continue;
    const key = name.slice("x-amz-meta-".length);
    const text = Array.isArray(value) ? value.join(",") : value;
    metadata[key] = text;
    bytes += Buffer.byteLength(key) + Buffer.byteLength(text);
  }
  if (bytes > MAX_USER_METADATA_BYTES) {
    throw new AwsError("MetadataTooLarge", "Your metadata headers exceed the maximum allowed metadata size", 400, {
      Size: bytes,
      MaxSizeAllowed: MAX_USER_METADATA_BYTES,
    });
  }
  return metadata;
}

function encryptionOf(request: S3Request): { serverSideEncryption: ServerSideEncryption; kmsKeyId: string | null } {
  const sse = header(request, "x-amz-server-side-encryption");
  const keyId = header(request, "x-amz-server-side-encryption-aws-kms-key-id");
  if (sse !== undefined && !SSE_VALUES.has(sse)) throw new AwsError("InvalidArgument", `The encryption method specified is not supported: ${sse}`, 400);
  const serverSideEncryption = (sse ?? "AES256") as ServerSideEncryption;
  const kms = serverSideEncryption !== "AES256";
  if (keyId !== undefined && !kms) {
    throw new AwsError(
      "InvalidArgument",
      "Server Side Encryption with AWS KMS managed key requires HTTP header x-amz-server-side-encryption : aws:kms or aws:kms:dsse",
      400,
    );
  }
  // Without the header, the bucket's default encryption applies: SSE-S3 (S3 encrypts every new object since January 2023).
  return { serverSideEncryption, kmsKeyId: kms ? (keyId ?? AWS_MANAGED_S3_KEY) : null };
}

function objectHeaders(object: S3Object): Record<string, string> {
  const headers: Record<string, string> = {
    etag: object.etag,
    "last-modified": new Date(object.lastModified).toUTCString(),
    "content-type": object.contentType,
    "content-length": String(object.body.length),
    "accept-ranges": "bytes",
    "x-amz-server-side-encryption": object.serverSideEncryption,
  };
  if (object.contentEncoding) headers["content-encoding"] = object.contentEncoding;
  if (object.kmsKeyId) headers["x-amz-server-side-encryption-aws-kms-key-id"] = object.kmsKeyId;
  for (const [key, value] of Object.entries(object.metadata)) headers[`x-amz-meta-${key}`] = value;
  return headers;
}

function refuseConditionalReads(request: S3Request): void {
  for (const name of ["range", "if-match", "if-none-match", "if-modified-since", "if-unmodified-since"]) {
    if (header(request, name) !== undefined) throw notImplemented(`${name} on ${request.method}`);
  }
}

export const putObject: S3Handler = (ctx, request) => {
  const bucket = bucketOf(ctx, request);
  const key = request.key ?? "";
  if (header(request, "x-amz-copy-source") !== undefined) throw notImplemented("x-amz-copy-source (CopyObject)");
  const checksumCrc32 = checkIntegrity(request);
  const metadata = userMetadata(request);
  const encryption = encryptionOf(request);
  const existing = bucket.get(key);
  const ifNoneMatch = header(request, "if-none-match");
  const ifMatch = header(request, "if-match");
  if (ifNoneMatch !== undefined && ifNoneMatch !== "*") throw new AwsError("NotImplemented", "If-None-Match on PutObject takes only *", 501);
  if (ifNoneMatch === "*" && existing) throw precondition("If-None-Match");
  if (ifMatch !== undefined) {
    if (!existing) throw new AwsError("NoSuchKey", "The specified key does not exist.", 404, { Key: key });
    if (existing.etag !== ifMatch) throw precondition("If-Match");
  }
  // SSE-KMS ETags are not the MD5 of the content: a client must not rely on them being one.
  const digest = encryption.serverSideEncryption === "AES256" ? createHash("md5").update(request.body) : createHash("md5").update(randomUUID());
  const object: S3Object = {
    body: Buffer.from(request.body),
    etag: `"${digest.digest("hex")}"`,
    lastModified: Math.floor(ctx.now() / 1000) * 1000,
    contentType: header(request, "content-type") ?? "binary/octet-stream",
    contentEncoding: header(request, "content-encoding") ?? null,
    metadata,
    ...encryption,
    checksumCrc32,
  };
  bucket.set(key, object);
  const headers: Record<string, string> = { etag: object.etag, "x-amz-server-side-encryption": object.serverSideEncryption };
  if (object.kmsKeyId) headers["x-amz-server-side-encryption-aws-kms-key-id"] = object.kmsKeyId;
  if (checksumCrc32) headers["x-amz-checksum-crc32"] = checksumCrc32;
  return { status: 200, headers, body: "" };
};

export const getObject: S3Handler = (ctx, request) => {
  refuseConditionalReads(request);
  const object = objectOf(ctx, request);
  const headers = objectHeaders(object);
  if (header(request, "x-amz-checksum-mode") === "ENABLED" && object.checksumCrc32) {
    headers["x-amz-checksum-crc32"] = object.checksumCrc32;
    headers["x-amz-checksum-type"] = "FULL_OBJECT";
  }
  return { status: 200, headers, body: object.body };
};

export const headObject: S3Handler = (ctx, request) => {
  refuseConditionalReads(request);
  return { status: 200, headers: objectHeaders(objectOf(ctx, request)), body: "" };
};

/** 204 whether or not the key was there, as S3 answers on an unversioned bucket. */
export const deleteObject: S3Handler = (ctx, request) => {
  bucketOf(ctx, request).delete(request.key ?? "");
  return { status: 204, headers: {}, body: "" };
};

const MAX_KEYS = 1000;

function decodeToken(token: string): string {
  const key = Buffer.from(token, "base64url").toString("utf8");
  if (token === "" || Buffer.from(key, "utf8").toString("base64url") !== token) {
    throw new AwsError("InvalidArgument", "The continuation token provided is incorrect", 400, { ArgumentName: "continuation-token" });
  }
  return key;
}

/** Keys in UTF-8 binary order, as S3 lists them; a page of at most max-keys (≤ 1000). */
export const listObjectsV2: S3Handler = (ctx, request) => {
  const bucket = bucketOf(ctx, request);
  const q = request.query;
  if (q.has("delimiter")) throw notImplemented("delimiter on ListObjectsV2");
  const encodingType = q.get("encoding-type");
  if (encodingType !== null && encodingType !== "url") throw new AwsError("InvalidArgument", "Invalid Encoding Method specified in Request", 400);
  const rawMax = q.get("max-keys");
  const maxKeys = rawMax === null ? MAX_KEYS : Number(rawMax);
  if (!Number.isInteger(maxKeys) || maxKeys < 0) throw new AwsError("InvalidArgument", "Provided max-keys not an integer or within integer range", 400);
  const prefix = q.get("prefix") ?? "";
  const token = q.get("continuation-token");
  const startAfter = q.get("start-after") ?? undefined;
  const after = token !== null ? decodeToken(token) : startAfter;
  const afterBytes = after === undefined ? null : Buffer.from(after, "utf8");
  const keys = [...bucket.keys()]
    .filter((k) => k.startsWith(prefix))
    .map((k) => ({ k, bytes: Buffer.from(k, "utf8") }))
    .sort((a, b) => Buffer.compare(a.bytes, b.bytes))
    .filter(({ bytes }) => afterBytes === null || Buffer.compare(bytes, afterBytes) > 0)
    .map(({ k }) => k);
  const page = keys.slice(0, Math.min(maxKeys, MAX_KEYS));
  const isTruncated = page.length > 0 && keys.length > page.length;
  const contents: ListedObject[] = page.map((key) => {
    const o = bucket.get(key)!;
    return { key, lastModified: o.lastModified, etag: o.etag, size: o.body.length };
  });
  const xml = listBucketResultXml({
    name: request.bucket,
    prefix,
    maxKeys: Math.min(maxKeys, MAX_KEYS),
    isTruncated,
    contents,
    continuationToken: token ?? undefined,
    nextContinuationToken: isTruncated && page.length > 0 ? Buffer.from(page[page.length - 1], "utf8").toString("base64url") : undefined,
    startAfter,
    encodingType: encodingType === "url" ? "url" : undefined,
  });
  return { status: 200, headers: { "content-type": "application/xml" }, body: xml };
};
