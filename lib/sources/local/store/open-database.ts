/**
 * Opens the SQLite file of the embedded store and sets the connection's pragmas.
 */
import { accessSync, constants, mkdirSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";

export const DB_FILE_NAME = "sightline.db";

/** SQLite's default ceiling for mmap_size (0x7fff0000): a larger value is clamped to it. */
const MMAP_BYTES = 0x7fff0000;

export function openDatabase(dataDir: string): Database.Database {
  // turbopackIgnore: a run-time path, not a file of the build. Without it the build's file tracer
  // copies every sightline.db it finds in the repository into the standalone folder.
  const file = path.join(/* turbopackIgnore: true */ dataDir, DB_FILE_NAME);
  let db: Database.Database | undefined;
  try {
    mkdirSync(dataDir, { recursive: true });
    // SQLite alone would report "unable to open database file"; this names the real cause.
    accessSync(dataDir, constants.W_OK);
    db = new Database(file);
    // Only takes effect before the first table exists, so it must precede the migrations.
    db.pragma("auto_vacuum = INCREMENTAL");
    const mode: unknown = db.pragma("journal_mode = WAL", { simple: true });
    if (mode !== "wal") throw new Error(`SQLite refused WAL mode (journal_mode is ${String(mode)})`);
  } catch (err) {
    db?.close();
    throw new Error(`cannot open the store at ${file}: ${err instanceof Error ? err.message : String(err)}`, {
      cause: err,
    });
  }
  // FULL fsyncs the WAL on every commit: a batch acknowledged with 200 survives power loss,
  // where NORMAL would only survive a crash of the process.
  db.pragma("synchronous = FULL");
  // Another connection to the file (a second server process, a CLI) may hold the write lock briefly.
  db.pragma("busy_timeout = 5000");
  db.pragma("foreign_keys = ON");
  // Pages read through a memory map rather than a read() into SQLite's 2 MB page cache each: a
  // million-span trace's rows are scanned in 2.3 s instead of 6.3 s (BENCHMARKS.md, session 9).
  // Up to SQLite's own ceiling (SQLITE_MAX_MMAP_SIZE, about 2 GiB); the WAL is still read as before.
  db.pragma(`mmap_size = ${MMAP_BYTES}`);
  // Ingest dirties many scattered index pages (trace IDs are random): checkpointing every 40 MB
  // rather than the default 4 MB writes each page back once instead of several times (measured:
  // about +20% spans/s).
  db.pragma("wal_autocheckpoint = 10000");
  // Above that 40 MB, so a checkpointed WAL is reused rather than truncated and grown again.
  db.pragma(`journal_size_limit = ${64 * 1024 * 1024}`);
  return db;
}
