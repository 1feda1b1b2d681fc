/**
 * Stored outlines kept by generation (outline-store.ts): the latest complete outline stays readable
 * while a newer one is written beside it, so a trace that grew is shown as laid out so far instead
 * of not at all. The rows are keyed by the trace's integer key (traces.trace_key) rather than its
 * 32-character ID, which halves what a million rows write. Outlines can always be built again from
 * the spans, so the older tables are dropped, not converted: the builder stores them anew.
 */
import type { Migration } from "./migrations";

export const OUTLINE_GENERATIONS_MIGRATION: Migration = {
  description: "stored outlines by generation, keyed by trace_key",
  up: (db) =>
    db.exec(`
      DROP TABLE outline_rows;
      DROP TABLE trace_outlines;
      -- The latest complete outline of a trace.
      CREATE TABLE trace_outlines (
        trace_key INTEGER PRIMARY KEY,
        generation INTEGER NOT NULL,  -- its rows' generation in outline_rows
        span_count INTEGER NOT NULL,  -- the trace's span_count when the outline was built
        summary TEXT NOT NULL,        -- OutlineSummary JSON
        built_at_ms INTEGER NOT NULL
      );
      -- Who is storing a newer outline of a trace, and under which generation.
      CREATE TABLE outline_claims (
        trace_key INTEGER PRIMARY KEY,
        owner TEXT NOT NULL,
        generation INTEGER NOT NULL,
        claimed_at_ms INTEGER NOT NULL
      );
      CREATE TABLE outline_rows (
        trace_key INTEGER NOT NULL,
        generation INTEGER NOT NULL,
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
        PRIMARY KEY (trace_key, generation, row)
      ) WITHOUT ROWID;
    `),
};
