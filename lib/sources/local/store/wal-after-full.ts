/**
 * A full disk leaves the write-ahead log as large as it grew while the disk filled: SQLite reuses a
 * WAL file from its start but never shrinks it (journal_size_limit trims it only to 64 MB), and the
 * checkpoint thread's checkpoints are PASSIVE. Once writes succeed again (space was freed), the
 * writer (writer.ts, after each commit) checkpoints with TRUNCATE, so that the space the WAL held goes back to the disk at once
 * rather than when the server stops: the freed space is then there for the batches that follow.
 * Seen in the endurance suite (test/reliability/endurance/full-disk.ts), once in a CI run: with 2 MB
 * freed on an 8 MB disk, the second batch after the first was refused again; the WAL's space is
 * the likely cause (the suite passed on its own before and after this change, so it is not proven).
 */
import type Database from "better-sqlite3";
import { isSqliteFull } from "./store-full";

type Outcome = { ok: true } | { ok: false; error: unknown };

export interface WalAfterFull {
  /** After each commit: its batches' outcomes (nothing is done inside a transaction still open). */
  after(outcomes: readonly Outcome[]): void;
}

export function walAfterFull(db: Database.Database): WalAfterFull {
  let full = false;
  return {
    after(outcomes) {
      if (outcomes.some((o) => !o.ok && isSqliteFull(o.error))) {
        full = true;
        return;
      }
      if (!full || db.inTransaction || !outcomes.every((o) => o.ok)) return;
      try {
        const [result] = db.pragma("wal_checkpoint(TRUNCATE)") as { busy: number }[];
        // A reader held the WAL (busy): the next successful commit tries again.
        full = result.busy !== 0;
      } catch {
        // Still no room to copy the WAL into the database file: the next successful commit tries again.
      }
    },
  };
}
