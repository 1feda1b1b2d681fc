/**
 * The snapshot repository of this process, as SNAPSHOT_STORE says (snapshot-store-config.ts):
 *
 * - `sqlite` (default): the embedded store's file in DATA_DIR — in both modes, so snapshots of AWS
 *   traces outlive X-Ray retention. Its own connection: the store's migrations (which include the
 *   snapshots table) run on open, whichever connection opens first.
 * - `s3://bucket/prefix`: objects in S3, shared by every replica (s3-snapshot-repository.ts).
 */
import "server-only";
import type Database from "better-sqlite3";
import { config } from "../config";
import { migrate } from "../sources/local/store/migrations";
import { openDatabase } from "../sources/local/store/open-database";
import { createSnapshotS3Client } from "./s3-client";
import { S3SnapshotRepository } from "./s3-snapshot-repository";
import { createSnapshotRepository, type SnapshotRepository } from "./snapshot-repository";

type StoreHandle = { kind: "sqlite"; db: Database.Database; repository: SnapshotRepository } | { kind: "s3"; repository: S3SnapshotRepository };

// On globalThis: Next.js bundles each route on its own, and they must share one store (and one S3 list cache).
const cache = globalThis as typeof globalThis & { sightlineSnapshots?: StoreHandle };

function open(): StoreHandle {
  const store = config().snapshotStore;
  if (store.kind === "s3") {
    return { kind: "s3", repository: new S3SnapshotRepository({ client: createSnapshotS3Client(process.env), ...store }) };
  }
  const db = openDatabase(config().dataDir);
  try {
    migrate(db);
  } catch (err) {
    db.close();
    throw err;
  }
  return { kind: "sqlite", db, repository: createSnapshotRepository(db) };
}

function handle(): StoreHandle {
  const cached = cache.sightlineSnapshots;
  if (cached && (cached.kind === "s3" || cached.db.open)) return cached;
  cache.sightlineSnapshots = open();
  return cache.sightlineSnapshots;
}

export function snapshotRepository(): SnapshotRepository {
  return handle().repository;
}

/** The S3 store when it is the configured one (for the readiness check); null for the embedded store. */
export function s3SnapshotStore(): S3SnapshotRepository | null {
  const h = handle();
  return h.kind === "s3" ? h.repository : null;
}
