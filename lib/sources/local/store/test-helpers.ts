/**
 * Builders for store tests: records with sensible defaults, and a store in a fresh temp dir that
 * is closed and removed when the test ends.
 */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type Database from "better-sqlite3";
import { onTestFinished } from "vitest";
import type { IngestBatch, LogRecord, ResourceRecord, SpanRecord } from "../records";
import { migrate } from "./migrations";
import { openDatabase } from "./open-database";
import { createReader } from "./reader";
import type { RetentionOptions } from "./retention";
import { openStore, type Store } from "./store";
import { createWriter, type WriterOptions } from "./writer";

/** 2024-01-01T00:00:00Z in epoch microseconds. */
export const T0_US = Date.UTC(2024, 0, 1) * 1000;
export const T0_MS = T0_US / 1000;

/** A 32-hex trace ID whose first 8 digits are an epoch second, as X-Ray makes them. */
export const traceId = (n: number): string => `65920080${n.toString(16).padStart(24, "0")}`;
export const spanId = (n: number): string => n.toString(16).padStart(16, "0");

export function resource(service: string, attributes: ResourceRecord["attributes"] = {}): ResourceRecord {
  return { service, attributes: { "service.name": service, ...attributes } };
}

const DEFAULT_RESOURCE = resource("checkout");

type SpanInit = Pick<SpanRecord, "traceId" | "spanId"> & Partial<SpanRecord>;

export function span(init: SpanInit): SpanRecord {
  return {
    parentSpanId: null,
    name: "GET /",
    kind: "server",
    startUs: T0_US,
    endUs: T0_US + 1000,
    status: "ok",
    statusMessage: null,
    httpStatus: null,
    origin: null,
    attributes: {},
    events: [],
    links: [],
    resource: DEFAULT_RESOURCE,
    scope: null,
    ...init,
  };
}

type LogInit = Partial<LogRecord>;

export function log(init: LogInit = {}): LogRecord {
  return {
    traceId: null,
    spanId: null,
    timeUs: T0_US,
    severityNumber: 9,
    severityText: "INFO",
    level: "info",
    message: "hello",
    fields: {},
    logGroup: null,
    resource: DEFAULT_RESOURCE,
    ...init,
  };
}

export function batch(parts: Partial<IngestBatch>): IngestBatch {
  return { spans: parts.spans ?? [], logs: parts.logs ?? [] };
}

/** Retention that never deletes anything and never fires during a test. */
export const KEEP_EVERYTHING: RetentionOptions = {
  maxAgeMs: 100 * 365 * 24 * 3600 * 1000,
  maxBytes: Number.MAX_SAFE_INTEGER,
  intervalMs: 3600 * 1000,
};

/** A fresh directory, removed when the test ends. */
export function tempDir(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "sightline-store-"));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** A migrated database in `dataDir` with its writer and reader, closed when the test ends. */
export function testWriter(dataDir = tempDir(), options: WriterOptions = {}) {
  const db = openDatabase(dataDir);
  onTestFinished(() => {
    db.close();
  });
  migrate(db);
  return { db, writer: createWriter(db, options), reader: createReader(db) };
}

/** `n` spans of trace `t` carrying 2 kB of attributes each: a batch of them fills pages fast. */
export const bulkySpans = (t: number, n: number): SpanRecord[] =>
  Array.from({ length: n }, (_, i) => span({ traceId: traceId(t), spanId: spanId(i + 1), attributes: { blob: "x".repeat(2000) } }));

/** A store in a fresh directory, closed and removed when the test ends. */
export function testStore(retention: RetentionOptions = KEEP_EVERYTHING, dataDir = tempDir()): Store {
  const store = openStore({ dataDir, retention });
  onTestFinished(() => store.close());
  return store;
}

/**
 * Takes a store's database back to the schema before the graph rollup migration (its tables and
 * span columns gone, and the stored outlines' tables of a later migration, user_version before it),
 * keeping every span: a store written by an older Sightline.
 */
export function rollBackGraphRollup(db: Database.Database, version: number): void {
  db.exec(`
    DROP TABLE IF EXISTS outline_rows; DROP TABLE IF EXISTS trace_outlines; DROP TABLE IF EXISTS outline_claims;
    DROP TABLE graph_keys; DROP TABLE graph_minute; DROP TABLE graph_10min; DROP TABLE graph_hour; DROP TABLE graph_nodes; DROP TABLE graph_pending; DROP TABLE graph_backfill;
    ALTER TABLE spans DROP COLUMN callee; ALTER TABLE spans DROP COLUMN callee_type; ALTER TABLE spans DROP COLUMN answered;
  `);
  db.pragma(`user_version = ${version}`);
}

/** Trace T: a root, `groups` calls of one service with `per` children each; every 7th child fails. */
export function fanOutTrace(T: string, groups: number, per: number, first = 1): SpanRecord[] {
  const out: SpanRecord[] = [span({ traceId: T, spanId: spanId(first), name: "GET /", startUs: T0_US, endUs: T0_US + 1_000_000 })];
  let n = first + 1;
  for (let g = 0; g < groups; g++) {
    const group = spanId(n++);
    const at = T0_US + g * 1000;
    out.push(
      span({
        traceId: T,
        spanId: group,
        parentSpanId: spanId(first),
        kind: "client",
        name: `call ${g}`,
        startUs: at,
        endUs: at + 900,
        attributes: { "peer.service": "billing" },
      }),
    );
    for (let k = 0; k < per; k++) {
      out.push(
        span({
          traceId: T,
          spanId: spanId(n++),
          parentSpanId: group,
          name: `work ${g}.${k}`,
          startUs: at + k * 10,
          endUs: at + k * 10 + 5,
          status: n % 7 === 0 ? "fault" : "ok",
          resource: resource("billing"),
          attributes: { step: `${g}-${k}` },
        }),
      );
    }
  }
  return out;
}
