/**
 * The snapshot repository of this process, on the embedded store's file in DATA_DIR — in both
 * modes, so snapshots of AWS traces outlive X-Ray retention. Its own connection: the store's
 * migrations (which include the snapshots table) run on open, whichever connection opens first.
 */
import "server-only";
import type Database from "better-sqlite3";
import { config } from "../config";
import { migrate } from "../sources/local/store/migrations";
import { openDatabase } from "../sources/local/store/open-database";
import { createSnapshotRepository, type SnapshotRepository } from "./snapshot-repository";

const cache = globalThis as typeof globalThis & { sightlineSnapshots?: { db: Database.Database; repository: SnapshotRepository } };

export function snapshotRepository(): SnapshotRepository {
  if (cache.sightlineSnapshots?.db.open) return cache.sightlineSnapshots.repository;
  const db = openDatabase(config().dataDir);
  try {
    migrate(db);
  } catch (err) {
    db.close();
    throw err;
  }
  const repository = createSnapshotRepository(db);
  cache.sightlineSnapshots = { db, repository };
  return repository;
}
