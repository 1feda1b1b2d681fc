/**
 * The ingest hot path: prepared batches (prepared-batch.ts) into SQLite, with statements prepared
 * once and spans inserted CHUNK rows per statement. Runs on the writer thread (writer-thread.ts)
 * in the server, and on the caller's thread in Store.write.
 */
import type Database from "better-sqlite3";
import { type Cell, LOG_FIELDS, LOG_RESOURCE, type PreparedBatch, RESOURCE_FIELDS, SPAN_FIELDS, SPAN_RESOURCE } from "./prepared-batch";
import { createRollupWriter } from "./graph-rollup-writer";
import { aggregateByTrace } from "./trace-aggregate";

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

/** Span rows per INSERT statement (21 parameters each, well under SQLite's 32,766). */
const CHUNK = 64;
const SPAN_COLUMNS = 21;
const LOG_COLUMNS = 11;

// The root columns move together, when the incoming candidate beats the stored one (the rule of
// isBetterRoot in trace-aggregate.ts). SET expressions all read the row as it was before.
const BETTER_ROOT = `(excluded.root_is_parentless > traces.root_is_parentless OR
  (excluded.root_is_parentless = traces.root_is_parentless AND excluded.root_start_us < traces.root_start_us))`;
const TAKE_ROOT = ["root_service", "root_name", "root_http_status", "root_is_parentless", "root_start_us"]
  .map((column) => `${column} = CASE WHEN ${BETTER_ROOT} THEN excluded.${column} ELSE traces.${column} END`)
  .join(",\n      ");

const spanInsert = (rows: number) => `
  INSERT INTO spans (trace_id, span_id, parent_span_id, service, name, kind, start_us, end_us, status,
    status_message, http_status, origin, attributes, events, links, resource_id, scope_name, scope_version,
    callee, callee_type, answered)
  VALUES ${Array.from({ length: rows }, () => `(${"?, ".repeat(SPAN_COLUMNS - 1)}?)`).join(", ")}
  ON CONFLICT (trace_id, span_id) DO NOTHING`;

/** Thrown inside a chunk's savepoint when some of its spans were already stored, to undo it. */
class PartialChunk extends Error {}

export function createWriter(db: Database.Database): Writer {
  const insertResource = db.prepare<[string, string, string]>(
    "INSERT INTO resources (hash, service, attributes) VALUES (?, ?, ?) ON CONFLICT (hash) DO NOTHING",
  );
  const selectResourceId = db.prepare<[string], { id: number }>("SELECT id FROM resources WHERE hash = ?");
  const insertSpan = db.prepare<[Cell[]]>(spanInsert(1));
  const insertSpanChunk = db.prepare<[Cell[]]>(spanInsert(CHUNK));
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

  /** A chunk's rows all new (the usual case), in one statement; a re-sent span makes it undo itself. */
  const insertChunk = db.transaction((params: Cell[]) => {
    if (insertSpanChunk.run(params).changes !== CHUNK) throw new PartialChunk();
  });

  const write = db.transaction((batch: PreparedBatch): WriteResult => {
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
    const waiting = rollup.before(rows);
    const stored: number[] = [];
    const rowParams = (index: number, into: Cell[], at: number) => {
      const o = index * SPAN_FIELDS;
      for (let c = 0; c < SPAN_COLUMNS; c++) into[at + c] = rows[o + c];
      into[at + SPAN_RESOURCE] = resourceIds[rows[o + SPAN_RESOURCE] as number];
    };
    const single: Cell[] = new Array<Cell>(SPAN_COLUMNS);
    const insertOne = (index: number) => {
      rowParams(index, single, 0);
      if (insertSpan.run(single).changes === 1) stored.push(index);
    };
    const chunk: Cell[] = new Array<Cell>(SPAN_COLUMNS * CHUNK);
    let next = 0;
    for (; next + CHUNK <= count; next += CHUNK) {
      for (let k = 0; k < CHUNK; k++) rowParams(next + k, chunk, k * SPAN_COLUMNS);
      try {
        insertChunk(chunk);
        for (let k = 0; k < CHUNK; k++) stored.push(next + k);
      } catch (err) {
        if (!(err instanceof PartialChunk)) throw err;
        for (let k = 0; k < CHUNK; k++) insertOne(next + k);
      }
    }
    for (; next < count; next++) insertOne(next);
    rollup.after(rows, stored, waiting);

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
      return { ok: true, result: write(batch) };
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

  return {
    write,
    writeGroup(batches) {
      if (batches.length === 1) return [attempt(batches[0])];
      try {
        return group(batches);
      } catch {
        return batches.map(attempt);
      }
    },
  };
}
