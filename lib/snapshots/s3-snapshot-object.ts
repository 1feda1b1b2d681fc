/**
 * A snapshot as an S3 object: `<prefix>/<id>.json.gz`, the snapshot's export file (the same JSON
 * document GET /api/snapshots/{id}/export answers, which POST /api/snapshots/import reads back)
 * gzipped, Content-Type application/json with Content-Encoding gzip.
 *
 * ListObjectsV2 gives keys and ETags only, so the list's fields also travel as user metadata
 * (x-amz-meta-sightline-meta: base64url JSON), which HeadObject reads without the body. S3 keeps
 * at most 2 KB of user metadata: a snapshot whose fields do not fit (a note of more than about a
 * kilobyte) has none, and the list reads its object instead. The body is always the truth.
 */
import { promisify } from "node:util";
import { gunzip, gzip } from "node:zlib";
import { z } from "zod";
import { ApiError } from "../http/api-error";
import type { Snapshot, SnapshotMeta } from "./snapshot";
import { toExport } from "./snapshot-export";
import { isSnapshotId } from "./snapshot-id";

const gzipAsync = promisify(gzip);
const gunzipAsync = promisify(gunzip);

const OBJECT_SUFFIX = ".json.gz";
const META_KEY = "sightline-meta";
/** S3's limit on user metadata (keys and values, UTF-8 bytes). */
const USER_METADATA_BYTES = 2048;
const META_VERSION = 1;

export function snapshotKey(prefix: string, id: string): string {
  return prefix === "" ? `${id}${OBJECT_SUFFIX}` : `${prefix}/${id}${OBJECT_SUFFIX}`;
}

/** The ListObjectsV2 prefix of every snapshot key. */
export function listPrefix(prefix: string): string {
  return prefix === "" ? "" : `${prefix}/`;
}

/** The snapshot ID of a listed key; null for any other object under the prefix. */
export function idOfKey(prefix: string, key: string): string | null {
  const start = listPrefix(prefix);
  if (!key.startsWith(start) || !key.endsWith(OBJECT_SUFFIX)) return null;
  const id = key.slice(start.length, key.length - OBJECT_SUFFIX.length);
  return isSnapshotId(id) ? id : null;
}

export interface StoredSnapshot {
  body: Buffer;
  metadata: Record<string, string>;
}

export function metaWithoutPayload(snapshot: Snapshot): SnapshotMeta {
  const { payload: _payload, ...meta } = snapshot;
  return meta;
}

function listMetadata(meta: SnapshotMeta): Record<string, string> {
  const { id: _id, ...fields } = meta;
  const value = Buffer.from(JSON.stringify({ v: META_VERSION, ...fields }), "utf8").toString("base64url");
  return Buffer.byteLength(META_KEY) + value.length <= USER_METADATA_BYTES ? { [META_KEY]: value } : {};
}

export async function encodeSnapshot(snapshot: Snapshot): Promise<StoredSnapshot> {
  const body = await gzipAsync(Buffer.from(JSON.stringify(toExport(snapshot)), "utf8"));
  return { body, metadata: listMetadata(metaWithoutPayload(snapshot)) };
}

const logsStatus = z.enum(["complete", "running", "partial", "failed"]);
const metaFields = {
  title: z.string(),
  note: z.string(),
  createdAt: z.number().finite(),
  source: z.enum(["local", "aws"]),
  capturedBy: z.string().nullable(),
};
const metadataSchema = z.object({
  v: z.literal(META_VERSION),
  ...metaFields,
  traceId: z.string(),
  spanCount: z.number().int().nonnegative(),
  logCount: z.number().int().nonnegative(),
  logsStatus,
});

/** The list's fields from an object's user metadata; null when it has none this version wrote. */
export function metaFromMetadata(id: string, metadata: Record<string, string> | undefined): SnapshotMeta | null {
  const value = metadata?.[META_KEY];
  if (!value) return null;
  try {
    const parsed = metadataSchema.safeParse(JSON.parse(Buffer.from(value, "base64url").toString("utf8")));
    if (!parsed.success) return null;
    const { v: _v, ...fields } = parsed.data;
    return { id, ...fields };
  } catch {
    return null;
  }
}

/** What a stored export must hold to be served; the payload's depth is trusted, as the embedded store's is. */
const storedSchema = z.object({
  sightlineSnapshot: z.literal(1),
  id: z.string(),
  ...metaFields,
  payload: z.looseObject({
    trace: z.looseObject({ traceId: z.string(), spans: z.array(z.unknown()) }),
    logs: z.looseObject({ events: z.array(z.unknown()), status: logsStatus }),
    serviceGraph: z.looseObject({}),
  }),
});

function corrupt(id: string, why: string): ApiError {
  return new ApiError(502, "snapshot_store_corrupt", `The snapshot store's object for ${id} is not a Sightline snapshot (${why}).`);
}

export async function decodeSnapshot(id: string, bytes: Uint8Array): Promise<Snapshot> {
  let document: unknown;
  try {
    document = JSON.parse((await gunzipAsync(bytes)).toString("utf8"));
  } catch {
    throw corrupt(id, "not gzipped JSON");
  }
  const parsed = storedSchema.safeParse(document);
  if (!parsed.success) throw corrupt(id, `${parsed.error.issues[0].path.join(".") || "body"}: ${parsed.error.issues[0].message}`);
  if (parsed.data.id !== id) throw corrupt(id, `it holds snapshot ${parsed.data.id.slice(0, 40)}`);
  const { title, note, createdAt, source, capturedBy } = parsed.data;
  const payload = (document as Pick<Snapshot, "payload">).payload;
  return {
    id,
    title,
    note,
    createdAt,
    source,
    capturedBy,
    traceId: payload.trace.traceId,
    spanCount: payload.trace.spans.length,
    logCount: payload.logs.events.length,
    logsStatus: payload.logs.status,
    payload,
  };
}
