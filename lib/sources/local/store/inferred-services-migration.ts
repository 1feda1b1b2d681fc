/**
 * Backfills trace_services with the callees that emit no spans of their own (databases, AWS APIs,
 * queues, third-party hosts), which ingest now records, so that stores written before it find the
 * traces through those map nodes too.
 */
import type Database from "better-sqlite3";
import { downstreamOf } from "../../../analysis/downstream";
import type { Attributes, SpanKind } from "../../../model";
import type { Migration } from "./migrations";

export const INFERRED_SERVICES_MIGRATION: Migration = {
  description: "inferred callees in trace_services",
  up(db: Database.Database) {
    // Pages by rowid: SQLite cannot write while a statement of the same connection is iterating.
    const calls = db.prepare<[number], { id: number; trace_key: number; start_us: number; kind: SpanKind; attributes: string }>(`
      SELECT s.rowid AS id, t.trace_key, t.start_us, s.kind, s.attributes FROM spans s JOIN traces t ON t.trace_id = s.trace_id
      WHERE s.rowid > ? AND s.kind IN ('client', 'producer') ORDER BY s.rowid LIMIT 5000`);
    const insert = db.prepare<[number, string, number]>(
      "INSERT INTO trace_services (trace_key, service, trace_start_us) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
    );
    for (let after = 0, page = calls.all(after); page.length > 0; page = calls.all(after)) {
      for (const row of page) {
        const callee = downstreamOf({ kind: row.kind, attributes: JSON.parse(row.attributes) as Attributes });
        if (callee) insert.run(row.trace_key, callee.name, row.start_us);
      }
      after = page[page.length - 1].id;
    }
  },
};
