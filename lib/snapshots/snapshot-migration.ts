/** The store migration that adds the snapshots table (appended to the store's MIGRATIONS). */
import type { Migration } from "../sources/local/store/migrations";

export const SNAPSHOTS_MIGRATION: Migration = {
  description: "snapshots",
  up: (db) =>
    db.exec(`
      CREATE TABLE snapshots (
        id TEXT PRIMARY KEY,                 -- 32 hex digits, 128 random bits
        title TEXT NOT NULL,
        note TEXT NOT NULL,
        created_at INTEGER NOT NULL,         -- epoch ms of the capture
        source TEXT NOT NULL CHECK (source IN ('local', 'aws')),
        captured_by TEXT,
        trace_id TEXT NOT NULL,
        span_count INTEGER NOT NULL,
        log_count INTEGER NOT NULL,
        logs_status TEXT NOT NULL,
        payload TEXT NOT NULL                -- JSON: { trace, logs, serviceGraph }
      );
      CREATE INDEX snapshots_by_created ON snapshots(created_at);
    `),
};
