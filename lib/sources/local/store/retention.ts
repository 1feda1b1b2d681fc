/**
 * Retention: drops data older than maxAgeMs, then the oldest data while the database is over
 * maxBytes. Deletes run in short transactions and yield to the event loop between them, because
 * ingest and route handlers share this process and this connection.
 */
import { setImmediate as yieldToEventLoop } from "node:timers/promises";
import type Database from "better-sqlite3";
import { metrics } from "../../../metrics/metrics";
import { contributeTraces, createRollupFlusher, GRAPH_SPAN_COLUMNS, type GraphSpanRow, graphSpanFromRow, RollupDelta } from "./graph-rollup";

export interface RetentionOptions {
  maxAgeMs: number;
  /** Cap on page_count * page_size (the WAL is not counted). */
  maxBytes: number;
  /** How often openStore runs prune(). */
  intervalMs: number;
}

export interface PruneResult {
  traces: number;
  spans: number;
  logs: number;
}

/** Spans (or logs) deleted per transaction, roughly: a whole trace always goes in one. */
const ROWS_PER_CHUNK = 2000;
const TRACES_PER_CHUNK = 500;
/** 4 MB of 4 KiB pages per incremental_vacuum step. */
const VACUUM_PAGES_PER_STEP = 1000;

export function createPruner(db: Database.Database, options: Pick<RetentionOptions, "maxAgeMs" | "maxBytes">) {
  const oldestTraces = db.prepare<[number, number], { trace_key: number; trace_id: string }>(
    "SELECT trace_key, trace_id FROM traces WHERE start_us < ? ORDER BY start_us LIMIT ?",
  );
  const deleteSpans = db.prepare<[string]>("DELETE FROM spans WHERE trace_id = ?");
  // The graph rollup loses what the deleted traces' spans added to it (graph-rollup.ts).
  const graphSpans = db.prepare<[string], GraphSpanRow>(`SELECT ${GRAPH_SPAN_COLUMNS} FROM spans WHERE trace_id = ?`);
  const deletePending = db.prepare<[string]>("DELETE FROM graph_pending WHERE trace_id = ?");
  const flushRollup = createRollupFlusher(db);
  const deleteTraceServices = db.prepare<[number]>("DELETE FROM trace_services WHERE trace_key = ?");
  const deleteTrace = db.prepare<[number]>("DELETE FROM traces WHERE trace_key = ?");
  const deleteOutline = db.prepare<[number]>("DELETE FROM trace_outlines WHERE trace_key = ?");
  const deleteOutlineClaim = db.prepare<[number]>("DELETE FROM outline_claims WHERE trace_key = ?");
  const deleteOutlineRows = db.prepare<[number]>("DELETE FROM outline_rows WHERE trace_key = ?");
  const deleteLogs = db.prepare<[number, number]>("DELETE FROM logs WHERE id IN (SELECT id FROM logs WHERE time_us < ? ORDER BY time_us LIMIT ?)");
  // The start of the n-th oldest trace (the newest one when there are fewer), and the same for logs.
  const nthTraceStart = db.prepare<[number], { t: number | null }>("SELECT max(start_us) AS t FROM (SELECT start_us FROM traces ORDER BY start_us LIMIT ?)");
  const nthLogTime = db.prepare<[number], { t: number | null }>("SELECT max(time_us) AS t FROM (SELECT time_us FROM logs ORDER BY time_us LIMIT ?)");
  const timeRange = db.prepare<[], { lo: number | null; hi: number | null }>(`
    SELECT min(t) AS lo, max(t) AS hi FROM (
      SELECT min(start_us) AS t FROM traces UNION ALL SELECT max(start_us) FROM traces
      UNION ALL SELECT min(time_us) FROM logs UNION ALL SELECT max(time_us) FROM logs)`);

  const pruneChunk = db.transaction((cutoffUs: number): PruneResult => {
    let traces = 0;
    let spans = 0;
    const rollup = new RollupDelta();
    for (const { trace_key, trace_id } of oldestTraces.all(cutoffUs, TRACES_PER_CHUNK)) {
      contributeTraces(rollup, graphSpans.all(trace_id).map(graphSpanFromRow), -1);
      deletePending.run(trace_id);
      spans += deleteSpans.run(trace_id).changes;
      deleteTraceServices.run(trace_key);
      deleteTrace.run(trace_key);
      deleteOutline.run(trace_key);
      deleteOutlineClaim.run(trace_key);
      deleteOutlineRows.run(trace_key);
      traces += 1;
      if (spans >= ROWS_PER_CHUNK) break;
    }
    flushRollup(rollup);
    const logs = deleteLogs.run(cutoffUs, ROWS_PER_CHUNK).changes;
    return { traces, spans, logs };
  });

  const pragmaNumber = (name: string) => Number(db.pragma(name, { simple: true }));
  /** Bytes in use: deleted rows' pages sit on the freelist until incremental_vacuum returns them. */
  const usedBytes = () => (pragmaNumber("page_count") - pragmaNumber("freelist_count")) * pragmaNumber("page_size");

  /** Deletes traces that started, and logs written, before cutoffUs. */
  async function pruneBefore(cutoffUs: number, total: PruneResult): Promise<void> {
    while (db.open) {
      const chunk = pruneChunk(cutoffUs);
      total.traces += chunk.traces;
      total.spans += chunk.spans;
      total.logs += chunk.logs;
      if (chunk.traces === 0 && chunk.logs === 0) return;
      await yieldToEventLoop();
    }
  }

  /**
   * The next cutoff while over maxBytes, null when there is nothing left: the time that splits the
   * stored time range in proportion to the excess (as if data arrived at a steady rate), but never
   * more than about one chunk of the oldest traces or logs, so the size is checked again in between.
   * The +1 makes every step drop at least the oldest row.
   */
  function nextSizeCutoff(used: number): number | null {
    const { lo, hi } = timeRange.get() ?? { lo: null, hi: null };
    if (lo === null || hi === null) return null;
    const proportional = lo + (hi - lo) * ((used - options.maxBytes) / used);
    const chunkBounds = [nthTraceStart.get(TRACES_PER_CHUNK)?.t, nthLogTime.get(ROWS_PER_CHUNK)?.t].filter((t): t is number => typeof t === "number");
    return Math.floor(Math.min(proportional, ...chunkBounds)) + 1;
  }

  async function vacuum(): Promise<void> {
    while (db.open && pragmaNumber("freelist_count") > 0) {
      db.pragma(`incremental_vacuum(${VACUUM_PAGES_PER_STEP})`);
      await yieldToEventLoop();
    }
  }

  async function prune(now: number): Promise<PruneResult> {
    const total: PruneResult = { traces: 0, spans: 0, logs: 0 };
    await pruneBefore((now - options.maxAgeMs) * 1000, total);
    while (db.open) {
      const used = usedBytes();
      if (used <= options.maxBytes) break;
      const cutoff = nextSizeCutoff(used);
      if (cutoff === null) break;
      await pruneBefore(cutoff, total);
    }
    await vacuum();
    return total;
  }

  let running: Promise<PruneResult> | null = null;
  /** Prunes as of `now` (epoch ms). A call while a prune is running joins it. */
  const pruneOnce = (now: number): Promise<PruneResult> => {
    running ??= prune(now)
      .then((deleted) => {
        metrics().retentionDeleted.inc({ signal: "spans" }, deleted.spans);
        metrics().retentionDeleted.inc({ signal: "logs" }, deleted.logs);
        return deleted;
      })
      .finally(() => {
        running = null;
      });
    return running;
  };
  return { prune: pruneOnce, usedBytes };
}
