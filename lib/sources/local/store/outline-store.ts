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
 *
 * Two threads store outlines: the builder (outline-worker.ts) once a trace settles, and the outline
 * query thread (outline-query-worker.ts) after a page's first load has built one in memory. Whoever
 * stores a trace's outline claims it first: a header row with span count -1 (never current), its
 * owner in `summary`, the claim's time in `built_at_ms`. Another owner's claim younger than
 * CLAIM_MS is left alone (the builder does not build what the query thread is already storing), an
 * older one is taken over; and every transaction of a save checks that its claim still stands, so
 * two savers never mix their rows.
 */
import { randomUUID } from "node:crypto";
import type Database from "better-sqlite3";
import {
  buildTraceOutline,
  outlineRowRecord,
  outlineSummary,
  type OutlineRowRecord,
  type OutlineSummary,
  type TraceOutline,
} from "../../../analysis/trace-outline";
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

/** A claim older than this is abandoned (its thread stopped): a million spans are read, built and stored in about 12 s. */
export const CLAIM_MS = 5 * 60_000;

export interface OutlineStore {
  /** The trace's outline summary and size, or null when none is stored or the trace has grown since. */
  header(traceIdHex: string): StoredOutline | null;
  /** Rows [from, to) of the stored outline, in order. */
  rows(traceIdHex: string, from: number, to: number): OutlineRowRecord[];
  /** The trace's span count, or null when the store does not have it: an outline is saved only while it matches. */
  spanCount(traceIdHex: string): number | null;
  /** Traces above `fromSpans` spans that started at or after `sinceUs` whose outline is missing or stale, with their span counts. */
  stale(fromSpans: number, sinceUs: number): { traceId: string; spanCount: number }[];
  /**
   * Claims the trace's outline for `owner` to store: false when its current outline is stored, when
   * the trace is gone, or when another owner claimed it less than CLAIM_MS before `nowMs`.
   */
  claim(traceIdHex: string, owner: string, nowMs?: number): boolean;
  /** Gives up `owner`'s claim without storing. */
  release(traceIdHex: string, owner: string): void;
  /**
   * Stores an outline under `owner`'s claim, one transaction a step (the older outline's rows
   * deleted, then ROWS_PER_TRANSACTION rows at a time, the header last): readers see no outline
   * until the header is written. The caller may yield between steps. Each step first checks that
   * the claim still stands; when it does not, nothing more is written and the steps end with false.
   */
  saveSteps(traceIdHex: string, outline: TraceOutline, owner: string, summary?: () => OutlineSummary): Generator<void, boolean>;
  /**
   * Claims the trace for `owner`, reads it lean, builds its outline and stores it, all at once.
   * Returns the span count built from (0: the trace is gone), or null when its current outline is
   * stored already or another owner holds its claim.
   */
  build(traceIdHex: string, owner?: string): number | null;
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
  const outlineRow = db.prepare<[string], { span_count: number; summary: string; built_at_ms: number }>(
    "SELECT span_count, summary, built_at_ms FROM trace_outlines WHERE trace_id = ?",
  );
  const insertClaim = db.prepare<[string, string, number]>("INSERT OR REPLACE INTO trace_outlines VALUES (?, -1, ?, ?)");
  const deleteClaim = db.prepare<[string, string]>("DELETE FROM trace_outlines WHERE trace_id = ? AND span_count = -1 AND summary = ?");
  const deleteRows = db.prepare<[string]>("DELETE FROM outline_rows WHERE trace_id = ?");
  const insertRow = db.prepare<[string, number, string, number, number, number, number, number, number, number, string | null]>(
    "INSERT INTO outline_rows VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
  );
  const insertHeader = db.prepare<[string, number, string, number]>("INSERT INTO trace_outlines VALUES (?, ?, ?, ?)");
  const reader = createReader(db);

  /** The owner of a claim row (span count -1, the owner in `summary`); null for a header or none. */
  const claimant = (o: { span_count: number; summary: string } | undefined) => (o !== undefined && o.span_count === -1 ? o.summary : null);
  const claim = db.transaction((traceId: string, owner: string, nowMs: number): boolean => {
    const current = spanCount.get(traceId)?.span_count;
    if (current === undefined) return false;
    const o = outlineRow.get(traceId);
    if (o && o.span_count === current) return false;
    const by = claimant(o);
    if (o && by !== null && by !== owner && nowMs - o.built_at_ms < CLAIM_MS) return false;
    insertClaim.run(traceId, owner, nowMs);
    return true;
  });
  const holds = (traceId: string, owner: string) => claimant(outlineRow.get(traceId)) === owner;
  /** `step` in a transaction, when `owner`'s claim still stands. */
  const underClaim = (traceId: string, owner: string, step: () => void) =>
    db.transaction(() => {
      if (!holds(traceId, owner)) return false;
      step();
      return true;
    })();
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

    claim: (traceIdHex, owner, nowMs = Date.now()) => claim(traceIdHex, owner, nowMs),

    release: (traceIdHex, owner) => void deleteClaim.run(traceIdHex, owner),

    *saveSteps(traceIdHex, outline, owner, summary = () => outlineSummary(outline)) {
      if (!underClaim(traceIdHex, owner, () => deleteRows.run(traceIdHex))) return false;
      const n = outline.rows.length;
      for (let from = 0; from < n; from += ROWS_PER_TRANSACTION) {
        yield;
        const to = Math.min(n, from + ROWS_PER_TRANSACTION);
        const records: OutlineRowRecord[] = [];
        for (let i = from; i < to; i++) records.push(outlineRowRecord(outline, i));
        if (!underClaim(traceIdHex, owner, () => insertRows(traceIdHex, from, records))) return false;
      }
      yield;
      const header = JSON.stringify(summary());
      return underClaim(traceIdHex, owner, () => {
        deleteHeader.run(traceIdHex);
        insertHeader.run(traceIdHex, n, header, Date.now());
      });
    },

    build(traceIdHex, owner = `build:${randomUUID()}`) {
      if (!claim(traceIdHex, owner, Date.now())) return spanCount.get(traceIdHex) === undefined ? 0 : null;
      const trace = traceFromSpans(traceIdHex, reader.getTraceOutlineSpans(traceIdHex));
      if (!trace) {
        deleteClaim.run(traceIdHex, owner);
        return 0;
      }
      const outline = buildTraceOutline(trace);
      const steps = this.saveSteps(traceIdHex, outline, owner);
      let step = steps.next();
      while (!step.done) step = steps.next();
      return step.value ? outline.rows.length : null;
    },
  };
}
