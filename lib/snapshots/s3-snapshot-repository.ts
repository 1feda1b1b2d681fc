/**
 * Snapshots in S3 (SNAPSHOT_STORE=s3://bucket/prefix), shared by every replica: one object per
 * snapshot (s3-snapshot-object.ts), S3 actions s3:PutObject, s3:GetObject (GetObject and
 * HeadObject), s3:DeleteObject and s3:ListBucket (ListObjectsV2) only.
 *
 * - create: one PutObject. A put either lands whole or not at all; when its answer is lost the
 *   object may have landed, so a failed create deletes the key before it reports the failure.
 * - get: one GetObject. rename / re-note: GetObject, then PutObject with If-Match on the ETag
 *   read, so a change made meanwhile on another replica is read again and kept, and a snapshot
 *   deleted meanwhile is not brought back (If-Match on a missing key fails).
 * - delete: HeadObject (a missing snapshot is a 404, as with the embedded store), DeleteObject.
 * - list: ListObjectsV2 (1000 keys a page), then each snapshot's list fields from its metadata
 *   (HeadObject, LIST_CONCURRENCY at a time), kept per key and ETag: an object rewritten
 *   anywhere has a new ETag, so what is kept is never stale, and a warm list costs one
 *   ListObjectsV2 per 1000 snapshots.
 */
import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  type PutObjectCommandInput,
  type S3Client,
} from "@aws-sdk/client-s3";
import { ApiError } from "../http/api-error";
import { errorName, toApiError } from "../sources/aws/aws-errors";
import type { Snapshot, SnapshotMeta } from "./snapshot";
import { newSnapshotId } from "./snapshot-id";
import { metaOf, type SnapshotPatch, type SnapshotRepository } from "./snapshot-repository";
import type { S3Encryption } from "./snapshot-store-config";
import {
  decodeSnapshot,
  encodeSnapshot,
  idOfKey,
  listPrefix,
  metaFromMetadata,
  metaWithoutPayload,
  snapshotKey,
  type StoredSnapshot,
} from "./s3-snapshot-object";

export interface S3SnapshotStoreOptions {
  client: S3Client;
  bucket: string;
  prefix: string;
  /** null: the bucket's default encryption. */
  encryption: S3Encryption | null;
}

/** HeadObject calls in flight at once while listing. */
const LIST_CONCURRENCY = 16;
/** Renames that find the object changed under them read it again, this many times in all. */
const UPDATE_ATTEMPTS = 4;

type Action = "s3:PutObject" | "s3:GetObject" | "s3:DeleteObject" | "s3:ListBucket";

const statusOf = (error: unknown): number | undefined => (error as { $metadata?: { httpStatusCode?: number } } | null)?.$metadata?.httpStatusCode;

/** GetObject's NoSuchKey, HeadObject's bare 404 (NotFound); not a missing bucket. */
function isMissingObject(error: unknown): boolean {
  const name = errorName(error);
  return name === "NoSuchKey" || name === "NotFound" || (statusOf(error) === 404 && name !== "NoSuchBucket");
}

/** If-Match failed (412), or a concurrent conditional write won (409). */
function isConflict(error: unknown): boolean {
  const name = errorName(error);
  return name === "PreconditionFailed" || name === "ConditionalRequestConflict" || statusOf(error) === 412 || statusOf(error) === 409;
}

/** `limit` calls of `fn` at a time, results in input order. */
async function mapBounded<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

const newestFirst = (a: SnapshotMeta, b: SnapshotMeta) => b.createdAt - a.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

export class S3SnapshotRepository implements SnapshotRepository {
  /** The list fields of each snapshot seen, by ID, with the ETag they were read at. */
  private readonly known = new Map<string, { etag: string; meta: SnapshotMeta }>();
  private readonly client: S3Client;
  private readonly bucket: string;
  private readonly prefix: string;

  constructor(private readonly options: S3SnapshotStoreOptions) {
    this.client = options.client;
    this.bucket = options.bucket;
    this.prefix = options.prefix;
  }

  /** `s3://bucket/prefix`, for messages. */
  get location(): string {
    return `s3://${this.bucket}/${this.prefix}`;
  }

  async create(snapshot: Parameters<SnapshotRepository["create"]>[0]): Promise<SnapshotMeta> {
    const meta = metaOf(newSnapshotId(), snapshot);
    const stored = await encodeSnapshot({ ...meta, payload: snapshot.payload });
    try {
      this.remember(meta, await this.put(meta.id, stored));
    } catch (error) {
      await this.removeAfterFailedPut(meta.id, error);
      throw this.failure(error, "s3:PutObject");
    }
    return meta;
  }

  async get(id: string): Promise<Snapshot | null> {
    return (await this.read(id))?.snapshot ?? null;
  }

  async list(limit: number): Promise<SnapshotMeta[]> {
    const listed: { id: string; etag: string }[] = [];
    let token: string | undefined;
    do {
      const page = await this.guarded(
        this.client.send(new ListObjectsV2Command({ Bucket: this.bucket, Prefix: listPrefix(this.prefix), ContinuationToken: token })),
        "s3:ListBucket",
      );
      for (const object of page.Contents ?? []) {
        const id = object.Key ? idOfKey(this.prefix, object.Key) : null;
        if (id && object.ETag) listed.push({ id, etag: object.ETag });
      }
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
    const present = new Set(listed.map((o) => o.id));
    for (const id of this.known.keys()) if (!present.has(id)) this.known.delete(id);
    const metas = await mapBounded(listed, LIST_CONCURRENCY, (o) => this.listFields(o.id, o.etag));
    return metas
      .filter((m): m is SnapshotMeta => m !== null)
      .sort(newestFirst)
      .slice(0, limit);
  }

  async update(id: string, patch: SnapshotPatch): Promise<SnapshotMeta | null> {
    for (let attempt = 0; attempt < UPDATE_ATTEMPTS; attempt++) {
      const current = await this.read(id);
      if (!current) return null;
      const next: Snapshot = { ...current.snapshot, title: patch.title ?? current.snapshot.title, note: patch.note ?? current.snapshot.note };
      try {
        const meta = metaWithoutPayload(next);
        this.remember(meta, await this.put(id, await encodeSnapshot(next), current.etag));
        return meta;
      } catch (error) {
        if (isMissingObject(error)) return null;
        if (!isConflict(error)) throw this.failure(error, "s3:PutObject");
      }
    }
    throw new ApiError(409, "snapshot_conflict", `Snapshot ${id} kept changing while this change was being saved (it is being edited elsewhere): try again.`);
  }

  async delete(id: string): Promise<boolean> {
    try {
      await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: snapshotKey(this.prefix, id) }));
    } catch (error) {
      if (isMissingObject(error)) return false;
      throw this.failure(error, "s3:GetObject");
    }
    await this.guarded(this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: snapshotKey(this.prefix, id) })), "s3:DeleteObject");
    this.known.delete(id);
    return true;
  }

  /**
   * Readiness: one ListObjectsV2 of at most one key. Reachable as AWS's other readiness calls
   * are (lib/readiness/aws-reachability.ts): an answer, an AccessDenied or a throttle.
   */
  async checkReachable(timeoutMs: number): Promise<{ ok: boolean; detail: SnapshotStoreReachability }> {
    try {
      await this.client.send(new ListObjectsV2Command({ Bucket: this.bucket, Prefix: listPrefix(this.prefix), MaxKeys: 1 }), {
        abortSignal: AbortSignal.timeout(timeoutMs),
      });
      return { ok: true, detail: { store: "s3", reachable: true } };
    } catch (error) {
      const code = this.failure(error, "s3:ListBucket").code;
      const reachable = code === "aws_access_denied" || code === "aws_throttled";
      return { ok: reachable, detail: { store: "s3", reachable, code } };
    }
  }

  private async read(id: string): Promise<{ snapshot: Snapshot; etag: string } | null> {
    let bytes: Uint8Array;
    let etag: string;
    try {
      const object = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: snapshotKey(this.prefix, id) }));
      if (!object.Body) throw new Error("GetObject answered without a body");
      bytes = await object.Body.transformToByteArray();
      etag = object.ETag ?? "";
    } catch (error) {
      if (isMissingObject(error)) return null;
      throw this.failure(error, "s3:GetObject");
    }
    return { snapshot: await decodeSnapshot(id, bytes), etag };
  }

  /** A listed snapshot's fields: kept, from its metadata, or (no metadata) from its body; null when it is gone or unreadable. */
  private async listFields(id: string, etag: string): Promise<SnapshotMeta | null> {
    const kept = this.known.get(id);
    if (kept?.etag === etag) return kept.meta;
    let found: { etag: string; meta: SnapshotMeta } | null;
    try {
      const head = await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: snapshotKey(this.prefix, id) }));
      const meta = metaFromMetadata(id, head.Metadata);
      if (meta && head.ETag) found = { etag: head.ETag, meta };
      else {
        const full = await this.read(id);
        found = full && { etag: full.etag, meta: metaWithoutPayload(full.snapshot) };
      }
    } catch (error) {
      if (isMissingObject(error)) found = null;
      else if (ApiError.is(error) && error.code === "snapshot_store_corrupt") {
        // One foreign or damaged object must not take the whole list down.
        console.warn(`[sightline] snapshot list: ${error.message}`);
        found = null;
      } else throw this.failure(error, "s3:GetObject");
    }
    if (found) this.known.set(id, found);
    else this.known.delete(id);
    return found?.meta ?? null;
  }

  /** What this replica wrote needs no HeadObject in its next list. */
  private remember(meta: SnapshotMeta, etag: string | undefined): void {
    if (etag) this.known.set(meta.id, { etag, meta });
  }

  /** The new object's ETag. */
  private async put(id: string, stored: StoredSnapshot, ifMatch?: string): Promise<string | undefined> {
    const input: PutObjectCommandInput = {
      Bucket: this.bucket,
      Key: snapshotKey(this.prefix, id),
      Body: stored.body,
      ContentType: "application/json",
      ContentEncoding: "gzip",
      Metadata: stored.metadata,
      IfMatch: ifMatch,
    };
    const encryption = this.options.encryption;
    if (encryption) input.ServerSideEncryption = encryption.mode;
    if (encryption?.mode === "aws:kms" && encryption.kmsKeyId) input.SSEKMSKeyId = encryption.kmsKeyId;
    return (await this.client.send(new PutObjectCommand(input))).ETag;
  }

  /** The put may have landed with its answer lost: take the key away so no half-reported snapshot stays listed. */
  private async removeAfterFailedPut(id: string, putError: unknown): Promise<void> {
    try {
      await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: snapshotKey(this.prefix, id) }));
    } catch (error) {
      console.error(
        `[sightline] saving snapshot ${id} failed (${errorName(putError)}) and removing what may have landed failed too (${errorName(error)}): ${snapshotKey(this.prefix, id)} may be listed`,
      );
    }
  }

  private async guarded<T>(call: Promise<T>, action: Action): Promise<T> {
    try {
      return await call;
    } catch (error) {
      throw this.failure(error, action);
    }
  }

  /** An S3 failure in words that say what to fix (lib/sources/aws/aws-errors.ts for the common ones). */
  private failure(error: unknown, action: Action): ApiError {
    if (ApiError.is(error)) return error;
    const name = errorName(error);
    if (name === "NoSuchBucket") {
      return new ApiError(502, "snapshot_store_missing", `The snapshot bucket ${this.bucket} does not exist (NoSuchBucket): check SNAPSHOT_STORE.`);
    }
    if (name.startsWith("KMS.")) {
      return new ApiError(
        502,
        "snapshot_store_kms",
        `S3 could not use the KMS key of the snapshot store (${name}): check SNAPSHOT_S3_KMS_KEY_ID and the key's policy.`,
      );
    }
    const mapped = toApiError(error, action);
    if (mapped.code === "aws_access_denied" && this.options.encryption?.mode === "aws:kms") {
      const kms = action === "s3:PutObject" ? "kms:GenerateDataKey" : "kms:Decrypt";
      return new ApiError(mapped.status, mapped.code, `${mapped.message} With SSE-KMS, the role also needs ${kms} on the key.`);
    }
    return mapped;
  }
}

export interface SnapshotStoreReachability {
  store: "s3";
  reachable: boolean;
  /** When the call failed: the error code (aws_access_denied, aws_unreachable, snapshot_store_missing, …). */
  code?: string;
}
