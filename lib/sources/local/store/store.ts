/**
 * The embedded store: an SQLite file in DATA_DIR that OTLP ingest writes and the LocalSource reads.
 */
import { log } from "../../../log/logger";
import type { IngestBatch } from "../records";
import { startCheckpointThread, type SpawnCheckpointer } from "./checkpoint-thread";
import { backfillGraphRollup } from "./graph-rollup-migration";
import { migrate } from "./migrations";
import { openDatabase } from "./open-database";
import { startOutlineBuilder, type OutlineBuilder, type OutlineBuilderOptions } from "./outline-builder";
import { startOutlineQueries, type OutlineQueries, type SpawnOutlineQueries } from "./outline-query-thread";
import { createOutlineStore, type OutlineStore } from "./outline-store";
import { createPercentileReader, type PercentileReader } from "./operation-percentiles";
import { createReader, type Reader } from "./reader";
import { createPruner, type PruneResult, type RetentionOptions } from "./retention";
import { guardDiskFull } from "./store-full";
import { prepareBatch } from "./prepared-batch";
import { createWriter, type WriteResult } from "./writer";
import { startWriterThread, type SpawnWriter } from "./writer-thread";

export interface StoreOptions {
  dataDir: string;
  retention: RetentionOptions;
  /**
   * Ingest (`ingest`) writes on a worker thread of its own (writer-thread.ts), so the thread that
   * decodes requests never waits for SQLite. The server sets it; without it `ingest` writes on the
   * caller's thread. A function starts the thread with that spawner (tests).
   */
  writerThread?: boolean | SpawnWriter;
  /**
   * WAL checkpoints on a worker thread of their own (checkpoint-thread.ts), so that the writer
   * rarely stops for one. The server sets it; a function starts the thread with that spawner (tests).
   */
  checkpointThread?: boolean | SpawnCheckpointer;
  /** Large traces' outlines kept in the store, built by a worker thread once a trace settles (outline-builder.ts). Absent: none are built. */
  outlines?: OutlineBuilderOptions;
  /**
   * Questions that need a large trace's outline in memory answered on a thread of their own
   * (outline-query-thread.ts), started at the first one. The server sets it; a function starts the
   * thread with that spawner (tests).
   */
  outlineQueries?: boolean | SpawnOutlineQueries;
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
  /**
   * The same, for ingest: resolves once the batch is committed (durable), on the writer thread
   * when the store has one. The batch's serialization and hashing run here, on the caller's thread.
   */
  ingest(batch: IngestBatch): Promise<WriteResult>;
  /** Applies the retention options as of `now` (epoch ms). openStore also runs it every intervalMs. */
  prune(now: number): Promise<PruneResult>;
  /** Large traces' stored outlines (outline-store.ts). */
  readonly outlines: OutlineStore;
  /** Null unless `outlines` was given. */
  readonly outlineBuilder: OutlineBuilder | null;
  /** Null unless `outlineQueries` was given. */
  readonly outlineQueries: OutlineQueries | null;
  /** Bytes the database uses (free pages excluded), for /metrics. */
  usedBytes(): number;
  /** Stops the retention timer and closes the database. */
  close(): void;
}

export function openStore(options: StoreOptions): Store {
  const db = openDatabase(options.dataDir);
  try {
    migrate(db);
    // A store written before the graph rollup: fold its spans in before any ingest.
    const started = Date.now();
    const traces = backfillGraphRollup(db);
    if (traces > 0) log().info("service graph rollup backfilled", { store: db.name, traces, ms: Date.now() - started });
  } catch (err) {
    db.close();
    throw err;
  }
  const writer = createWriter(db);
  const write = guardDiskFull((batch: IngestBatch) => writer.write(prepareBatch(batch)), options.dataDir);
  const thread = options.writerThread ? startWriterThread(options.dataDir, options.writerThread === true ? undefined : options.writerThread) : null;
  const checkpointer = options.checkpointThread
    ? startCheckpointThread(options.dataDir, undefined, options.checkpointThread === true ? undefined : options.checkpointThread)
    : null;
  const outlines = createOutlineStore(db);
  const outlineBuilder = options.outlines ? startOutlineBuilder(options.dataDir, options.outlines) : null;
  const outlineQueries = options.outlineQueries
    ? startOutlineQueries(options.dataDir, options.outlineQueries === true ? undefined : options.outlineQueries)
    : null;
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
    write,
    outlines,
    outlineBuilder,
    outlineQueries,
    ingest: thread
      ? (batch) => thread.write(prepareBatch(batch))
      : (batch) => {
          try {
            return Promise.resolve(write(batch));
          } catch (err) {
            return Promise.reject(err as Error);
          }
        },
    prune,
    usedBytes: () => (db.open ? pruner.usedBytes() : 0),
    close() {
      clearInterval(timer);
      outlineBuilder?.close();
      outlineQueries?.close();
      checkpointer?.close();
      // First the writer thread: it commits what it was sent, then closes its connection.
      thread?.close();
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
