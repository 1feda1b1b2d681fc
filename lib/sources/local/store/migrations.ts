/**
 * The store's schema as an ordered list of migrations. `PRAGMA user_version` holds how many have
 * been applied; opening a database applies the rest, each in its own transaction.
 * Append new migrations; never edit one that has shipped.
 */
import type Database from "better-sqlite3";
import { SNAPSHOTS_MIGRATION } from "../../../snapshots/snapshot-migration";
import { GRAPH_ROLLUP_MIGRATION } from "./graph-rollup-migration";
import { INFERRED_SERVICES_MIGRATION } from "./inferred-services-migration";
import { OUTLINE_GENERATIONS_MIGRATION } from "./outline-generations-migration";
import { TRACE_OUTLINES_MIGRATION } from "./trace-outlines-migration";

export interface Migration {
  description: string;
  up(db: Database.Database): void;
}

const INITIAL_SCHEMA = `
  -- One row per distinct emitting process: spans and logs point here instead of repeating it.
  CREATE TABLE resources (
    id INTEGER PRIMARY KEY,
    hash TEXT NOT NULL UNIQUE,       -- sha256 of service + canonical attributes JSON
    service TEXT NOT NULL,
    attributes TEXT NOT NULL
  );

  CREATE TABLE spans (
    trace_id TEXT NOT NULL,
    span_id TEXT NOT NULL,
    parent_span_id TEXT,
    service TEXT NOT NULL,
    name TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('internal', 'server', 'client', 'producer', 'consumer')),
    start_us INTEGER NOT NULL,
    end_us INTEGER NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('ok', 'error', 'fault', 'throttle')),
    status_message TEXT,
    http_status INTEGER,
    origin TEXT,
    attributes TEXT NOT NULL,
    events TEXT NOT NULL,
    links TEXT NOT NULL,
    resource_id INTEGER NOT NULL REFERENCES resources(id),
    scope_name TEXT,
    scope_version TEXT
  );
  -- Also the dedupe key for exporter retries, and the lookup of one trace.
  CREATE UNIQUE INDEX spans_by_trace ON spans(trace_id, span_id);
  -- The service graph of a window.
  CREATE INDEX spans_by_start ON spans(start_us);

  -- One row per trace, maintained on write. trace_key is assigned when a trace is first seen, so
  -- the rows that ingest keeps updating sit together on the newest pages, however random the IDs.
  CREATE TABLE traces (
    trace_key INTEGER PRIMARY KEY,
    trace_id TEXT NOT NULL UNIQUE,
    start_us INTEGER NOT NULL,
    end_us INTEGER NOT NULL,
    span_count INTEGER NOT NULL,
    status_rank INTEGER NOT NULL,        -- worst span status, as statusRank() in lib/model
    root_service TEXT NOT NULL,
    root_name TEXT NOT NULL,
    root_http_status INTEGER,
    root_is_parentless INTEGER NOT NULL, -- 0 while the summary's root is only the earliest span
    root_start_us INTEGER NOT NULL
  );
  CREATE INDEX traces_by_start ON traces(start_us);
  CREATE INDEX traces_by_status ON traces(status_rank, start_us);

  -- Which services a trace touches, with the trace's start copied so that "traces of service S
  -- in a window" is one index range however rare S is.
  CREATE TABLE trace_services (
    trace_key INTEGER NOT NULL REFERENCES traces(trace_key),
    service TEXT NOT NULL,
    trace_start_us INTEGER NOT NULL,
    PRIMARY KEY (trace_key, service)
  ) WITHOUT ROWID;
  CREATE INDEX trace_services_by_service ON trace_services(service, trace_start_us);

  CREATE TABLE logs (
    id INTEGER PRIMARY KEY,
    trace_id TEXT,
    span_id TEXT,
    time_us INTEGER NOT NULL,
    severity_number INTEGER NOT NULL,
    severity_text TEXT,
    level TEXT NOT NULL,
    service TEXT NOT NULL,
    message TEXT NOT NULL,
    fields TEXT NOT NULL,
    log_group TEXT,
    resource_id INTEGER NOT NULL REFERENCES resources(id)
  );
  CREATE INDEX logs_by_trace ON logs(trace_id, time_us) WHERE trace_id IS NOT NULL;
  -- Retention.
  CREATE INDEX logs_by_time ON logs(time_us);
`;

export const MIGRATIONS: readonly Migration[] = [
  { description: "initial schema", up: (db) => db.exec(INITIAL_SCHEMA) },
  SNAPSHOTS_MIGRATION,
  INFERRED_SERVICES_MIGRATION,
  GRAPH_ROLLUP_MIGRATION,
  TRACE_OUTLINES_MIGRATION,
  OUTLINE_GENERATIONS_MIGRATION,
];

/** Applies the migrations the database has not seen yet. Returns the resulting version. */
export function migrate(db: Database.Database, migrations: readonly Migration[] = MIGRATIONS): number {
  const current = Number(db.pragma("user_version", { simple: true }));
  if (current > migrations.length) {
    throw new Error(
      `${db.name} is at schema version ${current}, newer than this Sightline knows (${migrations.length}); ` + "upgrade Sightline or point DATA_DIR elsewhere",
    );
  }
  for (let version = current + 1; version <= migrations.length; version++) {
    const migration = migrations[version - 1];
    db.transaction(() => {
      migration.up(db);
      db.pragma(`user_version = ${version}`);
    })();
  }
  return migrations.length;
}
