/**
 * Keeps the write-ahead log from taking the room that its own checkpoint needs, so that a store
 * whose disk filled takes batches again once some space is freed.
 *
 * The WAL's committed pages must be copied into the database file (a checkpoint) before the WAL can
 * start over from its beginning, and the file has to grow for the pages that are new. On a disk
 * that fills, the two compete: the checkpoint thread (PASSIVE) cannot copy the last pages, the WAL
 * cannot start over, and a batch taken as soon as a little space is freed is appended to the WAL's
 * end, eating the room the checkpoint needs: the store then stays full for good. Seen in the
 * endurance suite (test/reliability/endurance/full-disk.ts): with 2 MB freed on an 8 MB disk, one
 * batch was taken and every one after it refused. Two rules keep that from happening:
 *
 * - Low on space (less than LOW_SPACE_BYTES free on the store's disk), each commit is followed by a
 *   checkpoint with TRUNCATE that waits for no reader: the WAL then holds about one commit, and the
 *   database file has already taken the room of everything before it.
 * - After a write met SQLITE_FULL, each later write first checkpoints with TRUNCATE (waiting for
 *   readers as long as busy_timeout); until that succeeds the write is refused as a full disk
 *   without touching the files, and once it has, the WAL's space is back for the batches.
 */
import { statfsSync } from "node:fs";
import type Database from "better-sqlite3";
import { isSqliteFull } from "./store-full";

/**
 * Below this much free space the WAL is truncated after every commit. Above the WAL's usual size
 * (wal_autocheckpoint, 40 MB; journal_size_limit, 64 MB), so the WAL is small before it could fill
 * what is left; costs a checkpoint per commit only on a nearly full disk.
 */
const LOW_SPACE_BYTES = 128 * 1024 * 1024;

type Outcome = { ok: true } | { ok: false; error: unknown };

export interface WalRoom {
  /**
   * Before a write: true when it may go ahead. After a full disk, false until the WAL could be
   * checkpointed and truncated (the write is then refused with `stillFull()`).
   */
  ready(): boolean;
  /** After each write: its batches' outcomes. */
  after(outcomes: readonly Outcome[]): void;
}

/** The refusal of a write while the WAL of a full disk cannot be handed back: SQLite's own code. */
export function stillFull(): Error {
  return Object.assign(new Error("database or disk is full (the write-ahead log left by a full disk could not be checkpointed yet)"), {
    code: "SQLITE_FULL",
  });
}

/** Free bytes for an unprivileged writer on the disk holding `file` (Infinity when it cannot be told). */
function freeBytesOf(file: string): number {
  try {
    const { bavail, bsize } = statfsSync(file);
    return bavail * bsize;
  } catch {
    // Never fails a commit that is already made: the WAL is then left to the checkpoint thread.
    return Infinity;
  }
}

/** True when the WAL was checkpointed whole and truncated; false when busy or out of room. */
function truncateWal(db: Database.Database): boolean {
  try {
    const [result] = db.pragma("wal_checkpoint(TRUNCATE)") as { busy: number }[];
    // busy: a reader still holds an older snapshot, or another checkpoint is running.
    return result.busy === 0;
  } catch {
    // SQLITE_FULL (or an I/O error) while copying the pages: still no room.
    return false;
  }
}

export function walRoom(db: Database.Database, freeBytes: () => number = () => freeBytesOf(db.name)): WalRoom {
  const busyTimeout = Number(db.pragma("busy_timeout", { simple: true }));
  let full = false;
  return {
    ready() {
      // Inside a transaction the caller opened, no checkpoint can run: its own write decides.
      if (!full || db.inTransaction) return true;
      full = !truncateWal(db);
      return !full;
    },
    after(outcomes) {
      if (outcomes.some((o) => !o.ok && isSqliteFull(o.error))) {
        full = true;
        return;
      }
      if (db.inTransaction || !outcomes.some((o) => o.ok) || freeBytes() >= LOW_SPACE_BYTES) return;
      // Never waits for a reader: one still reading an older snapshot leaves the WAL to a later commit.
      db.pragma("busy_timeout = 0");
      try {
        truncateWal(db);
      } finally {
        db.pragma(`busy_timeout = ${busyTimeout}`);
      }
    },
  };
}
