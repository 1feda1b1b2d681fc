/**
 * Large traces' outlines, kept in the store (issue 14: a million spans, first rows as fast as for
 * ten thousand). Once a trace of more than `fromSpans` spans has stopped growing, its outline
 * (lib/analysis/trace-outline.ts: the rows in Gantt order with depth, subtree extent, failures
 * below, subtree end, critical path) is built off the request path (outline-builder.ts, a worker
 * thread) and written here with its summary (header, map, minimap); the page's first rows, the
 * summary and every later window of the unfiltered view are then read by row number, without
 * reading the trace. An outline counts only while the trace has the span count it was built from:
 * a span more and it is stale (and rebuilt once the trace settles again). Retention deletes it
 * with its trace (retention.ts).
 */
import type Database from "better-sqlite3";
import { buildTraceOutline, outlineRowRecord, outlineSummary, type OutlineRowRecord, type OutlineSummary } from "../../../analysis/trace-outline";
import type { CriticalSection } from "../../../analysis/critical-path";
import { traceFromSpans } from "../trace-from-spans";
import { createReader } from "./reader";

/** A stored outline that still matches its trace. */
interface StoredOutline {
  spanCount: number;
  summary: OutlineSummary;
}

type RowTuple = [string, number, number, number, number, number, number, number, string | null];

const ROWS_PER_TRANSACTION = 20_000;

export interface OutlineStore {
  /** The trace's outline summary and size, or null when none is stored or the trace has grown since. */
  header(traceIdHex: string): StoredOutline | null;
  /** Rows [from, to) of the stored outline, in order. */
  rows(traceIdHex: string, from: number, to: number): OutlineRowRecord[];
  /** The trace's span count, or null when the store does not have it: what the page decides its view by, without reading the trace. */
  spanCount(traceIdHex: string): number | null;
  /** Traces above `fromSpans` spans that started at or after `sinceUs` whose outline is missing or stale, with their span counts. */
  stale(fromSpans: number, sinceUs: number): { traceId: string; spanCount: number }[];
  /**
   * Reads the trace lean, builds its outline and stores it (replacing an older one), in
   * transactions of ROWS_PER_TRANSACTION rows, the header last: readers see the old outline or
   * none until the new one is whole. Returns the span count built from (0: the trace is gone).
   */
  build(traceIdHex: string): number;
}

export function createOutlineStore(db: Database.Database): OutlineStore {
  const header = db.prepare<[string], { span_count: number; summary: string }>(
    "SELECT o.span_count, o.summary FROM trace_outlines o JOIN traces t ON t.trace_id = o.trace_id AND t.span_count = o.span_count WHERE o.trace_id = ?",
  );
  const rows = db
    .prepare<[string, number, number], RowTuple>(
      `SELECT span_id, depth, child_count, orphan, subtree_end, parent_row, failures, subtree_end_us, critical
       FROM outline_rows WHERE trace_id = ? AND row >= ? AND row < ? ORDER BY row`,
    )
    .raw();
  const stale = db.prepare<[number, number], { trace_id: string; span_count: number }>(
    `SELECT t.trace_id, t.span_count FROM traces t LEFT JOIN trace_outlines o ON o.trace_id = t.trace_id
     WHERE t.start_us >= ? AND t.span_count > ? AND (o.span_count IS NULL OR o.span_count != t.span_count)`,
  );
  const spanCount = db.prepare<[string], { span_count: number }>("SELECT span_count FROM traces WHERE trace_id = ?");
  const deleteHeader = db.prepare<[string]>("DELETE FROM trace_outlines WHERE trace_id = ?");
  const deleteRows = db.prepare<[string]>("DELETE FROM outline_rows WHERE trace_id = ?");
  const insertRow = db.prepare<[string, number, string, number, number, number, number, number, number, number, string | null]>(
    "INSERT INTO outline_rows VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
  );
  const insertHeader = db.prepare<[string, number, string, number]>("INSERT INTO trace_outlines VALUES (?, ?, ?, ?)");
  const reader = createReader(db);

  const clear = db.transaction((traceId: string) => {
    deleteHeader.run(traceId);
    deleteRows.run(traceId);
  });
  const insertRows = db.transaction((traceId: string, from: number, records: OutlineRowRecord[]) => {
    for (let k = 0; k < records.length; k++) {
      const r = records[k];
      insertRow.run(
        traceId,
        from + k,
        r.spanId,
        r.depth,
        r.childCount,
        r.orphan ? 1 : 0,
        r.subtreeEnd,
        r.parentRow,
        r.descendantFailures,
        r.subtreeEndTime,
        r.onCriticalPath ? JSON.stringify(r.critical) : null,
      );
    }
  });

  return {
    header(traceIdHex) {
      const h = header.get(traceIdHex);
      return h ? { spanCount: h.span_count, summary: JSON.parse(h.summary) as OutlineSummary } : null;
    },

    rows: (traceIdHex, from, to) =>
      rows.all(traceIdHex, from, to).map(([spanId, depth, childCount, orphan, subtreeEnd, parentRow, failures, subtreeEndUs, critical]) => ({
        spanId,
        depth,
        childCount,
        orphan: orphan === 1,
        subtreeEnd,
        parentRow,
        descendantFailures: failures,
        subtreeEndTime: subtreeEndUs,
        critical: critical === null ? [] : (JSON.parse(critical) as CriticalSection[]),
        onCriticalPath: critical !== null,
      })),

    spanCount: (traceIdHex) => spanCount.get(traceIdHex)?.span_count ?? null,

    stale: (fromSpans, sinceUs) => stale.all(sinceUs, fromSpans).map((r) => ({ traceId: r.trace_id, spanCount: r.span_count })),

    build(traceIdHex) {
      const spans = reader.getTraceOutlineSpans(traceIdHex);
      clear(traceIdHex);
      const trace = traceFromSpans(traceIdHex, spans);
      if (!trace) return 0;
      const outline = buildTraceOutline(trace);
      const summary = JSON.stringify(outlineSummary(outline));
      const n = outline.rows.length;
      for (let from = 0; from < n; from += ROWS_PER_TRANSACTION) {
        const to = Math.min(n, from + ROWS_PER_TRANSACTION);
        const records: OutlineRowRecord[] = [];
        for (let i = from; i < to; i++) records.push(outlineRowRecord(outline, i));
        insertRows(traceIdHex, from, records);
      }
      insertHeader.run(traceIdHex, n, summary, Date.now());
      return n;
    },
  };
}
