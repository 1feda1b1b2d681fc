/**
 * The ingest hot path: prepared batches (prepared-batch.ts) into SQLite, with statements prepared
 * once and spans inserted one row per statement. Runs on the writer thread (writer-thread.ts)
 * in the server, and on the caller's thread in Store.write.
 */
import type Database from "better-sqlite3";
import { type Cell, LOG_FIELDS, LOG_RESOURCE, type PreparedBatch, RESOURCE_FIELDS, SPAN_FIELDS, SPAN_RESOURCE } from "./prepared-batch";
import { createRollupWriter } from "./graph-rollup-writer";
import { aggregateByTrace } from "./trace-aggregate";
import { stillFull, walRoom } from "./wal-room";

export interface WriteResult {
  /** Spans newly stored; a span re-sent by an exporter retry (same trace and span ID) is not. */
  spans: number;
  logs: number;
}

/** One batch's outcome in a group commit: its result, or the error that rolled it back alone. */
type WriteOutcome = { ok: true; result: WriteResult } | { ok: false; error: unknown };

export interface Writer {
  /** The batch in one transaction (a savepoint inside an open one): all of it or nothing and a thrown error. */
  write(batch: PreparedBatch): WriteResult;
  /**
   * Several batches committed together (one fsync), each in its own savepoint: a batch that fails
   * is rolled back alone and answered its error; the others are stored. When SQLite aborts the
   * whole transaction (a full disk, an I/O error) or the commit fails, every batch is retried in a
   * transaction of its own, so one bad batch never costs the others.
   */
  writeGroup(batches: readonly PreparedBatch[]): WriteOutcome[];
}

const SPAN_COLUMNS = 21;
const LOG_COLUMNS = 11;

// The root columns move together, when the incoming candidate beats the stored one (the rule of
// isBetterRoot in trace-aggregate.ts). SET expressions all read the row as it was before.
const BETTER_ROOT = `(excluded.root_is_parentless > traces.root_is_parentless OR
  (excluded.root_is_parentless = traces.root_is_parentless AND excluded.root_start_us < traces.root_start_us))`;
const TAKE_ROOT = ["root_service", "root_name", "root_http_status", "root_is_parentless", "root_start_us"]
  .map((column) => `${column} = CASE WHEN ${BETTER_ROOT} THEN excluded.${column} ELSE traces.${column} END`)
  .join(",\n      ");

// One row per statement: measured against 64 rows per INSERT (each chunk in a savepoint, to undo it
// when a re-sent span made it partial), a one-row INSERT costs about 20 % less CPU per span
// (BENCHMARKS.md, "Ingest and trace lookup"), and its `changes` says which spans were new.
const SPAN_INSERT = `
  INSERT INTO spans (trace_id, span_id, parent_span_id, service, name, kind, start_us, end_us, status,
    status_message, http_status, origin, attributes, events, links, resource_id, scope_name, scope_version,
    callee, callee_type, answered)
  VALUES (${"?, ".repeat(SPAN_COLUMNS - 1)}?)
  ON CONFLICT (trace_id, span_id) DO NOTHING`;

export interface WriterOptions {
  /** Free bytes on the store's disk (statfs by default); tests pass their own. */
  freeBytes?: () => number;
}

export function createWriter(db: Database.Database, options: WriterOptions = {}): Writer {
  const insertResource = db.prepare<[string, string, string]>(
    "INSERT INTO resources (hash, service, attributes) VALUES (?, ?, ?) ON CONFLICT (hash) DO NOTHING",
  );
  const selectResourceId = db.prepare<[string], { id: number }>("SELECT id FROM resources WHERE hash = ?");
  const insertSpan = db.prepare<[Cell[]]>(SPAN_INSERT);
  const upsertTrace = db.prepare<[Cell[]], { trace_key: number; start_us: number }>(`
    INSERT INTO traces (trace_id, start_us, end_us, span_count, status_rank, root_service, root_name,
      root_http_status, root_is_parentless, root_start_us)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
    ON CONFLICT (trace_id) DO UPDATE SET
      start_us = min(traces.start_us, excluded.start_us),
      end_us = max(traces.end_us, excluded.end_us),
      span_count = traces.span_count + excluded.span_count,
      status_rank = max(traces.status_rank, excluded.status_rank),
      ${TAKE_ROOT}
    RETURNING trace_key, start_us`);
  const insertTraceService = db.prepare<[number, string, number]>(
    "INSERT INTO trace_services (trace_key, service, trace_start_us) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
  );
  const moveTraceStart = db.prepare<[number, number, number]>("UPDATE trace_services SET trace_start_us = ? WHERE trace_key = ? AND trace_start_us <> ?");
  const insertLog = db.prepare<[Cell[]]>(`
    INSERT INTO logs (trace_id, span_id, time_us, severity_number, severity_text, level, service, message,
      fields, log_group, resource_id)
    VALUES (${"?, ".repeat(LOG_COLUMNS - 1)}?)`);
  const rollup = createRollupWriter(db);

  const writeBatch = db.transaction((batch: PreparedBatch): WriteResult => {
    const resourceIds: number[] = [];
    for (let r = 0; r < batch.resources.length; r += RESOURCE_FIELDS) {
      const hash = batch.resources[r] as string;
      insertResource.run(hash, batch.resources[r + 1] as string, batch.resources[r + 2] as string);
      const row = selectResourceId.get(hash);
      if (!row) throw new Error(`resource ${hash} vanished inside its own transaction`);
      resourceIds.push(row.id);
    }

    const rows = batch.spans;
    const count = rows.length / SPAN_FIELDS;
    const relations = rollup.before(rows);
    const stored: number[] = [];
    const params: Cell[] = new Array<Cell>(SPAN_COLUMNS);
    for (let index = 0; index < count; index++) {
      const o = index * SPAN_FIELDS;
      for (let c = 0; c < SPAN_COLUMNS; c++) params[c] = rows[o + c];
      params[SPAN_RESOURCE] = resourceIds[rows[o + SPAN_RESOURCE] as number];
      if (insertSpan.run(params).changes === 1) stored.push(index);
    }
    rollup.after(rows, stored, relations);

    for (const [traceId, agg] of aggregateByTrace(rows, stored)) {
      const row = upsertTrace.get([
        traceId,
        agg.startUs,
        agg.endUs,
        agg.spanCount,
        agg.statusRank,
        agg.root.service,
        agg.root.name,
        agg.root.httpStatus,
        agg.root.parentless ? 1 : 0,
        agg.root.startUs,
      ]);
      if (!row) throw new Error(`the upsert of trace ${traceId} returned no row`);
      for (const service of agg.services) insertTraceService.run(row.trace_key, service, row.start_us);
      // This batch moved the trace's start earlier (or created it): older service rows follow.
      if (row.start_us === agg.startUs) moveTraceStart.run(row.start_us, row.trace_key, row.start_us);
    }

    const logs = batch.logs;
    const logParams: Cell[] = new Array<Cell>(LOG_COLUMNS);
    for (let o = 0; o < logs.length; o += LOG_FIELDS) {
      for (let c = 0; c < LOG_COLUMNS; c++) logParams[c] = logs[o + c];
      logParams[LOG_RESOURCE] = resourceIds[logs[o + LOG_RESOURCE] as number];
      insertLog.run(logParams);
    }
    return { spans: stored.length, logs: logs.length / LOG_FIELDS };
  });

  const attempt = (batch: PreparedBatch): WriteOutcome => {
    try {
      return { ok: true, result: writeBatch(batch) };
    } catch (error) {
      return { ok: false, error };
    }
  };
  const group = db.transaction((batches: readonly PreparedBatch[]): WriteOutcome[] => {
    const outcomes: WriteOutcome[] = [];
    for (const batch of batches) {
      const outcome = attempt(batch);
      // SQLite rolled the whole transaction back (SQLITE_FULL, an I/O error): start over, one by one.
      if (!outcome.ok && !db.inTransaction) throw outcome.error;
      outcomes.push(outcome);
    }
    return outcomes;
  });

  // On a nearly full disk the WAL is kept small, and after a full one it is checkpointed away first.
  const wal = walRoom(db, options.freeBytes);
  const grouped = (batches: readonly PreparedBatch[]): WriteOutcome[] => {
    if (batches.length === 1) return [attempt(batches[0])];
    try {
      return group(batches);
    } catch {
      return batches.map(attempt);
    }
  };

  return {
    write(batch) {
      if (!wal.ready()) throw stillFull();
      const outcome = attempt(batch);
      wal.after([outcome]);
      if (!outcome.ok) throw outcome.error;
      return outcome.result;
    },
    writeGroup(batches) {
      if (!wal.ready()) {
        const error = stillFull();
        return batches.map(() => ({ ok: false, error }));
      }
      const outcomes = grouped(batches);
      wal.after(outcomes);
      return outcomes;
    },
  };
}
