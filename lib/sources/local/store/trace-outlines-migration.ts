/** The tables of large traces' stored outlines (outline-store.ts). */
import type { Migration } from "./migrations";

export const TRACE_OUTLINES_MIGRATION: Migration = {
  description: "persisted outlines of large traces",
  up: (db) =>
    db.exec(`
      CREATE TABLE trace_outlines (
        trace_id TEXT PRIMARY KEY,
        span_count INTEGER NOT NULL,  -- the trace's span_count when the outline was built
        summary TEXT NOT NULL,        -- OutlineSummary JSON
        built_at_ms INTEGER NOT NULL
      ) WITHOUT ROWID;
      CREATE TABLE outline_rows (
        trace_id TEXT NOT NULL,
        row INTEGER NOT NULL,         -- Gantt (depth-first) order
        span_id TEXT NOT NULL,
        depth INTEGER NOT NULL,
        child_count INTEGER NOT NULL,
        orphan INTEGER NOT NULL,
        subtree_end INTEGER NOT NULL,
        parent_row INTEGER NOT NULL,
        failures INTEGER NOT NULL,
        subtree_end_us REAL NOT NULL,
        critical TEXT,                -- CriticalSection[] JSON when on the critical path
        PRIMARY KEY (trace_id, row)
      ) WITHOUT ROWID;
    `),
};
