/**
 * The S3 buckets of the test server: created by the test (createBucket; CreateBucket is not in the
 * subset), each a map of key → object as the last PutObject left it (no versioning).
 */

export type ServerSideEncryption = "AES256" | "aws:kms" | "aws:kms:dsse";

export interface S3Object {
  body: Buffer;
  /** Quoted, as S3 answers it: the body's MD5 for SSE-S3, an opaque value for SSE-KMS. */
  etag: string;
  /** Epoch ms, whole seconds (S3's Last-Modified has second precision). */
  lastModified: number;
  contentType: string;
  contentEncoding: string | null;
  /** User metadata (x-amz-meta-*), keys lowercased. */
  metadata: Record<string, string>;
  serverSideEncryption: ServerSideEncryption;
  /** The KMS key for aws:kms, as sent (or the account's aws/s3 key when none was). */
  kmsKeyId: string | null;
  /** The CRC32 the client sent (base64), verified; answered back when a GET asks for checksums. */
  checksumCrc32: string | null;
}

export class S3Store {
  private readonly buckets = new Map<string, Map<string, S3Object>>();

  createBucket(name: string): void {
    if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(name)) throw new TypeError(`createBucket: "${name}" is not a valid bucket name`);
    if (!this.buckets.has(name)) this.buckets.set(name, new Map());
  }

  bucket(name: string): Map<string, S3Object> | undefined {
    return this.buckets.get(name);
  }
}
