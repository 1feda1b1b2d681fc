/**
 * The service graph rollup's schema (graph-rollup.ts), and the backfill that folds in the spans of
 * a store written before it: in steps of a few hundred traces, each its own transaction, resumed
 * from graph_backfill after a crash. openStore runs the backfill before the writer starts, so no
 * ingest races it.
 */
import type Database from "better-sqlite3";
import { downstreamOf } from "../../../analysis/downstream";
import type { Attributes } from "../../../model";
import { contributeTraces, createRollupFlusher, GRAPH_SPAN_COLUMNS, type GraphSpan, type GraphSpanRow, graphSpanFromRow, RollupDelta } from "./graph-rollup";
import type { Migration } from "./migrations";

const CELLS = `(
    bucket INTEGER NOT NULL,
    key INTEGER NOT NULL,          -- graph_keys.id
    spans INTEGER NOT NULL,        -- spans the node emitted (node cells)
    ok INTEGER NOT NULL,
    error INTEGER NOT NULL,
    fault INTEGER NOT NULL,
    throttle INTEGER NOT NULL,
    sum_us INTEGER NOT NULL,
    hist BLOB NOT NULL,            -- duration-histogram.ts
    PRIMARY KEY (bucket, key)
  ) WITHOUT ROWID`;

export const GRAPH_ROLLUP_MIGRATION: Migration = {
  description: "service graph rollup",
  up(db: Database.Database) {
    db.exec(`
      ALTER TABLE spans ADD COLUMN callee TEXT;
      ALTER TABLE spans ADD COLUMN callee_type TEXT;
      -- 1 once a child span of another service is stored (graph-rollup.ts).
      ALTER TABLE spans ADD COLUMN answered INTEGER NOT NULL DEFAULT 0;
      -- A node (target '') or an edge.
      CREATE TABLE graph_keys (id INTEGER PRIMARY KEY, source TEXT NOT NULL, target TEXT NOT NULL, UNIQUE (source, target));
      -- Buckets are minutes, 10-minute blocks and hours since the epoch, of span start.
      CREATE TABLE graph_minute ${CELLS};
      CREATE TABLE graph_10min ${CELLS};
      CREATE TABLE graph_hour ${CELLS};
      -- A node's type from its own spans' origin, and from the spans that call it (graph-rollup.ts).
      CREATE TABLE graph_nodes (name TEXT PRIMARY KEY, own_type TEXT, called_type TEXT) WITHOUT ROWID;
      -- Stored spans whose parent is not (yet) stored.
      CREATE TABLE graph_pending (
        trace_id TEXT NOT NULL,
        parent_span_id TEXT NOT NULL,
        span_id TEXT NOT NULL,
        service TEXT NOT NULL,
        PRIMARY KEY (trace_id, parent_span_id, span_id)
      ) WITHOUT ROWID;
      -- One row while traces stored before the rollup are still to fold in: the next trace_key.
      CREATE TABLE graph_backfill (next_trace_key INTEGER NOT NULL);
      INSERT INTO graph_backfill (next_trace_key) SELECT 0 WHERE EXISTS (SELECT 1 FROM traces);
    `);
  },
};

const TRACES_PER_STEP = 200;

/** Folds in the traces stored before the rollup, one transaction per step. Returns how many. */
export function backfillGraphRollup(db: Database.Database, tracesPerStep = TRACES_PER_STEP, onStep?: (done: number) => void): number {
  const cursor = db.prepare<[], { next_trace_key: number }>("SELECT next_trace_key FROM graph_backfill");
  if (!cursor.get()) return 0;
  const nextTraces = db.prepare<[number, number], { trace_key: number; trace_id: string }>(
    "SELECT trace_key, trace_id FROM traces WHERE trace_key >= ? ORDER BY trace_key LIMIT ?",
  );
  const spansOf = db.prepare<[string], GraphSpanRow & { id: number; attributes: string }>(
    `SELECT rowid AS id, ${GRAPH_SPAN_COLUMNS}, attributes FROM spans WHERE trace_id = ?`,
  );
  const setCallee = db.prepare<[string, string, number]>("UPDATE spans SET callee = ?, callee_type = ? WHERE rowid = ?");
  const setAnswered = db.prepare<[number]>("UPDATE spans SET answered = 1 WHERE rowid = ?");
  const wait = db.prepare<[string, string, string, string]>(
    "INSERT INTO graph_pending (trace_id, parent_span_id, span_id, service) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
  );
  const advance = db.prepare<[number]>("UPDATE graph_backfill SET next_trace_key = ?");
  const finish = db.prepare("DELETE FROM graph_backfill");
  const flush = createRollupFlusher(db);

  const step = db.transaction((from: number): number => {
    const traces = nextTraces.all(from, tracesPerStep);
    if (traces.length === 0) {
      finish.run();
      return 0;
    }
    const delta = new RollupDelta();
    for (const { trace_id } of traces) {
      const rowIds = new Map<GraphSpan, number>();
      const spans = spansOf.all(trace_id).map((row) => {
        const span = graphSpanFromRow(row);
        if (row.kind === "client" || row.kind === "producer") {
          const callee = downstreamOf({ kind: row.kind, attributes: JSON.parse(row.attributes) as Attributes });
          if (callee) {
            span.callee = callee.name;
            span.calleeType = callee.type;
            setCallee.run(callee.name, callee.type, row.id);
          }
        }
        rowIds.set(span, row.id);
        return span;
      });
      const { answered, orphans } = contributeTraces(delta, spans, 1);
      for (const s of answered) setAnswered.run(rowIds.get(s) as number);
      for (const s of orphans) wait.run(s.traceId, s.parentSpanId as string, s.spanId, s.service);
    }
    flush(delta);
    advance.run(traces[traces.length - 1].trace_key + 1);
    return traces.length;
  });

  let done = 0;
  for (let row = cursor.get(); row; row = cursor.get()) {
    const n = step(row.next_trace_key);
    done += n;
    if (n > 0) onStep?.(done);
  }
  return done;
}
