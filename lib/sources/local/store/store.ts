/**
 * The embedded store: an SQLite file in DATA_DIR that OTLP ingest writes and the LocalSource reads.
 */
import { log } from "../../../log/logger";
import type { IngestBatch } from "../records";
import { migrate } from "./migrations";
import { openDatabase } from "./open-database";
import { createPercentileReader, type PercentileReader } from "./operation-percentiles";
import { createReader, type Reader } from "./reader";
import { createPruner, type PruneResult, type RetentionOptions } from "./retention";
import { guardDiskFull } from "./store-full";
import { createWriter, type WriteResult } from "./writer";

export interface StoreOptions {
  dataDir: string;
  retention: RetentionOptions;
}

export interface Store extends Reader, PercentileReader {
  /** The database file. */
  readonly path: string;
  readonly isOpen: boolean;
  /**
   * Stores the batch in one transaction: all of it, or nothing and a thrown error (a
   * StoreFullError when the disk under dataDir is full; the store stays usable).
   */
  write(batch: IngestBatch): WriteResult;
  /** Applies the retention options as of `now` (epoch ms). openStore also runs it every intervalMs. */
  prune(now: number): Promise<PruneResult>;
  /** Bytes the database uses (free pages excluded), for /metrics. */
  usedBytes(): number;
  /** Stops the retention timer and closes the database. */
  close(): void;
}

export function openStore(options: StoreOptions): Store {
  const db = openDatabase(options.dataDir);
  try {
    migrate(db);
  } catch (err) {
    db.close();
    throw err;
  }
  const write = createWriter(db);
  const pruner = createPruner(db, options.retention);
  const prune = pruner.prune;
  const timer = setInterval(() => {
    prune(Date.now()).catch((err: unknown) => {
      log().error("retention failed", { store: db.name }, err);
    });
  }, options.retention.intervalMs);
  // Retention alone must not keep the process (or a test run) alive.
  timer.unref();

  return {
    ...createReader(db),
    ...createPercentileReader(db),
    path: db.name,
    get isOpen() {
      return db.open;
    },
    write: guardDiskFull(write, options.dataDir),
    prune,
    usedBytes: () => (db.open ? pruner.usedBytes() : 0),
    close() {
      clearInterval(timer);
      if (!db.open) return;
      // Fold the WAL into the database file, so what is on disk is one self-contained file.
      try {
        db.pragma("wal_checkpoint(TRUNCATE)");
      } finally {
        db.close();
      }
    },
  };
}
