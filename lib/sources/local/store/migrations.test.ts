import path from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it, onTestFinished } from "vitest";
import { type Migration, migrate, MIGRATIONS } from "./migrations";
import { DB_FILE_NAME } from "./open-database";
import { openStore } from "./store";
import { TRACE_OUTLINES_MIGRATION } from "./trace-outlines-migration";
import { batch, KEEP_EVERYTHING, span, spanId, tempDir, traceId } from "./test-helpers";

function database(): Database.Database {
  const db = new Database(path.join(tempDir(), "test.db"));
  onTestFinished(() => {
    db.close();
  });
  return db;
}

const version = (db: Database.Database) => db.pragma("user_version", { simple: true });
const tables = (db: Database.Database) =>
  db
    .prepare<[], { name: string }>("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name")
    .all()
    .map((r) => r.name);

/** A history of two migrations, counting how often each runs. */
function history() {
  const runs = [0, 0];
  const migrations: Migration[] = [
    {
      description: "items",
      up: (db) => {
        runs[0] += 1;
        db.exec("CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT NOT NULL)");
      },
    },
    {
      description: "item sizes",
      up: (db) => {
        runs[1] += 1;
        db.exec("ALTER TABLE items ADD COLUMN size INTEGER NOT NULL DEFAULT 0");
        db.exec("UPDATE items SET size = length(name)");
      },
    },
  ];
  return { migrations, runs };
}

describe("migrate", () => {
  it("brings a database at an older version up to date, keeping its data", () => {
    const db = database();
    const { migrations, runs } = history();
    expect(migrate(db, migrations.slice(0, 1))).toBe(1);
    db.prepare("INSERT INTO items (name) VALUES (?)").run("four");

    expect(migrate(db, migrations)).toBe(2);
    expect(runs).toEqual([1, 1]);
    expect(version(db)).toBe(2);
    expect(db.prepare("SELECT name, size FROM items").all()).toEqual([{ name: "four", size: 4 }]);
  });

  it("does nothing when the database is current", () => {
    const db = database();
    const { migrations, runs } = history();
    migrate(db, migrations);
    migrate(db, migrations);
    expect(runs).toEqual([1, 1]);
    expect(version(db)).toBe(2);
  });

  it("leaves the version and the schema as they were when a migration fails", () => {
    const db = database();
    const { migrations } = history();
    const failing: Migration = {
      description: "broken",
      up: (d) => {
        d.exec("CREATE TABLE half (id INTEGER)");
        d.exec("ALTER TABLE missing ADD COLUMN x INTEGER");
      },
    };
    migrate(db, migrations);
    expect(() => migrate(db, [...migrations, failing])).toThrow(/no such table: missing/);
    expect(version(db)).toBe(2);
    expect(tables(db)).toEqual(["items"]);
  });

  it("refuses a database from a newer schema", () => {
    const db = database();
    db.pragma("user_version = 7");
    expect(() => migrate(db, history().migrations)).toThrow(/schema version 7, newer than this Sightline knows \(2\)/);
  });
});

describe("openStore and the schema", () => {
  it("migrates an existing database at version 0 and reopens idempotently", () => {
    const dataDir = tempDir();
    const file = path.join(dataDir, DB_FILE_NAME);
    new Database(file).close();

    openStore({ dataDir, retention: KEEP_EVERYTHING }).close();
    const first = new Database(file, { readonly: true });
    const schema = first.prepare("SELECT type, name, sql FROM sqlite_schema ORDER BY name").all();
    expect(version(first)).toBe(MIGRATIONS.length);
    expect(tables(first)).toEqual([
      "graph_10min",
      "graph_backfill",
      "graph_hour",
      "graph_keys",
      "graph_minute",
      "graph_nodes",
      "graph_pending",
      "logs",
      "outline_claims",
      "outline_rows",
      "resources",
      "snapshots",
      "spans",
      "trace_outlines",
      "trace_services",
      "traces",
    ]);
    first.close();

    openStore({ dataDir, retention: KEEP_EVERYTHING }).close();
    const second = new Database(file, { readonly: true });
    expect(version(second)).toBe(MIGRATIONS.length);
    expect(second.prepare("SELECT type, name, sql FROM sqlite_schema ORDER BY name").all()).toEqual(schema);
    second.close();
  });

  /** A store holding trace `t` (two spans) with the outline tables dropped; its database open. */
  function withoutOutlineTables(t: string): { dataDir: string; db: Database.Database } {
    const dataDir = tempDir();
    const before = openStore({ dataDir, retention: KEEP_EVERYTHING });
    before.write(batch({ spans: [span({ traceId: t, spanId: spanId(1) }), span({ traceId: t, spanId: spanId(2), parentSpanId: spanId(1) })] }));
    before.close();
    const db = new Database(path.join(dataDir, DB_FILE_NAME));
    db.exec("DROP TABLE outline_rows; DROP TABLE trace_outlines; DROP TABLE outline_claims;");
    return { dataDir, db };
  }

  /** The store opened again (migrated): its trace `t` kept, no outline of it, and one built anew. */
  function reopenedWithTrace(dataDir: string, t: string) {
    const after = openStore({ dataDir, retention: KEEP_EVERYTHING });
    onTestFinished(() => after.close());
    expect(after.getTraceSpans(t)).toHaveLength(2);
    expect(after.outlines.header(t)).toBeNull();
    expect(after.outlines.build(t)).toBe(2);
    return after;
  }

  it("adds the stored outlines' tables to a store written before them, keeping its traces", () => {
    const t = traceId(3);
    const { dataDir, db } = withoutOutlineTables(t);
    db.pragma(`user_version = ${MIGRATIONS.length - 2}`);
    db.close();

    const after = reopenedWithTrace(dataDir, t);
    expect(after.outlines.rows(t, 0, 5)?.records.map((r) => [r.spanId, r.depth])).toEqual([
      [spanId(1), 0],
      [spanId(2), 1],
    ]);
  });

  it("drops outlines stored by trace ID (before generations), keeping the traces, and builds them anew", () => {
    const t = traceId(4);
    const { dataDir, db } = withoutOutlineTables(t);
    TRACE_OUTLINES_MIGRATION.up(db);
    db.prepare("INSERT INTO trace_outlines VALUES (?, 2, '{}', 0)").run(t);
    db.prepare("INSERT INTO outline_rows VALUES (?, 0, ?, 0, 1, 0, 2, -1, 0, 0, NULL)").run(t, spanId(1));
    db.pragma(`user_version = ${MIGRATIONS.length - 1}`);
    db.close();

    expect(reopenedWithTrace(dataDir, t).outlines.header(t)).toMatchObject({ spanCount: 2, traceSpanCount: 2 });
  });
});
