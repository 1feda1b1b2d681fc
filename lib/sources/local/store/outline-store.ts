/**
 * Large traces' outlines, kept in the store (issue 14: a million spans, first rows as fast as for
 * ten thousand). A trace of more than `fromSpans` spans gets its outline (lib/analysis/trace-outline.ts:
 * the rows in Gantt order with depth, subtree extent, failures below, subtree end, critical path)
 * built off the request path (outline-builder.ts, a worker thread) and written here with its
 * summary (header, map, minimap); the page's first rows, the summary and every later window of the
 * unfiltered view are then read by row number, without reading the trace.
 *
 * Outlines are kept by generation. The latest complete one stays readable while a newer one is
 * written beside it, so a trace that grew since its outline was built (spans still arriving) is
 * shown as laid out so far, marked with the trace's span count now, until the newer one replaces it
 * in one transaction; the older rows are deleted after. Retention deletes all of it with its trace
 * (retention.ts).
 *
 * Two threads store outlines: the builder (outline-worker.ts), and the outline query thread
 * (outline-query-worker.ts) after a page's first load has built one in memory. Whoever stores a
 * trace's outline claims it first (outline_claims: the owner, the generation it writes, the claim's
 * time). Another owner's claim younger than CLAIM_MS is left alone (the builder does not build what
 * the query thread is already storing), an older one is taken over; and every transaction of a save
 * checks that its claim still stands, so two savers never mix their rows.
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
import type { StoredOutline, StoredOutlineRows } from "../../source";
import { traceFromSpans } from "../trace-from-spans";
import { createReader } from "./reader";

type RowTuple = [string, number, number, number, number, number, number, number, string | null];

const ROWS_PER_TRANSACTION = 5_000;

/** A claim older than this is abandoned (its thread stopped): a million spans are read, built and stored in about 12 s. */
export const CLAIM_MS = 5 * 60_000;

export interface OutlineStore {
  /** The trace's latest complete outline (its summary and size, and the trace's size now), or null when none is stored. */
  header(traceIdHex: string): StoredOutline | null;
  /** Rows [from, to) of the trace's latest complete outline, in order; null when none is stored. */
  rows(traceIdHex: string, from: number, to: number): StoredOutlineRows | null;
  /** The trace's span count, or null when the store does not have it: an outline is saved only while it matches. */
  spanCount(traceIdHex: string): number | null;
  /**
   * Traces above `fromSpans` spans that started at or after `sinceUs` whose outline is missing or
   * stale, with their span counts and the span count of the outline stored (`laidOut`, null: none).
   */
  stale(fromSpans: number, sinceUs: number): { traceId: string; spanCount: number; laidOut: number | null }[];
  /**
   * Claims the trace's outline for `owner` to store: false when its current outline is stored, when
   * the trace is gone, or when another owner claimed it less than CLAIM_MS before `nowMs`.
   */
  claim(traceIdHex: string, owner: string, nowMs?: number): boolean;
  /** Gives up `owner`'s claim without storing. */
  release(traceIdHex: string, owner: string): void;
  /**
   * Stores an outline under `owner`'s claim as a new generation, one transaction a step (rows of
   * abandoned generations deleted, then ROWS_PER_TRANSACTION rows at a time, then the header, which
   * makes it the one read, then the older generation's rows deleted): until the header is written,
   * readers see the older outline. The caller may yield between steps. Each step that writes first
   * checks that the claim still stands; when it does not, nothing more is written and the steps end
   * with false.
   */
  saveSteps(traceIdHex: string, outline: TraceOutline, owner: string, summary?: () => OutlineSummary): Generator<void, boolean>;
  /**
   * Claims the trace for `owner`, reads it lean, builds its outline and stores it, all at once
   * (calling `between` between the save's steps: the builder thread pauses there, so that the
   * writer thread gets the write lock between two of its transactions). Returns the span count
   * built from (0: the trace is gone), or null when its current outline is stored already or
   * another owner holds its claim.
   */
  build(traceIdHex: string, owner?: string, between?: () => void): number | null;
}

export function createOutlineStore(db: Database.Database): OutlineStore {
  const traceOf = db.prepare<[string], { trace_key: number; span_count: number }>("SELECT trace_key, span_count FROM traces WHERE trace_id = ?");
  const headerOf = db.prepare<[number], { generation: number; span_count: number; summary: string }>(
    "SELECT generation, span_count, summary FROM trace_outlines WHERE trace_key = ?",
  );
  const rows = db
    .prepare<[number, number, number, number], RowTuple>(
      `SELECT span_id, depth, child_count, orphan, subtree_end, parent_row, failures, subtree_end_us, critical
       FROM outline_rows WHERE trace_key = ? AND generation = ? AND row >= ? AND row < ? ORDER BY row`,
    )
    .raw();
  const stale = db.prepare<[number, number], { trace_id: string; span_count: number; laid_out: number | null }>(
    `SELECT t.trace_id, t.span_count, o.span_count AS laid_out FROM traces t LEFT JOIN trace_outlines o ON o.trace_key = t.trace_key
     WHERE t.start_us >= ? AND t.span_count > ? AND (o.span_count IS NULL OR o.span_count != t.span_count)`,
  );
  const claimOf = db.prepare<[number], { owner: string; generation: number; claimed_at_ms: number }>(
    "SELECT owner, generation, claimed_at_ms FROM outline_claims WHERE trace_key = ?",
  );
  const upsertClaim = db.prepare<[number, string, number, number]>("INSERT OR REPLACE INTO outline_claims VALUES (?, ?, ?, ?)");
  const deleteClaim = db.prepare<[number, string]>("DELETE FROM outline_claims WHERE trace_key = ? AND owner = ?");
  const nextGeneration = db
    .prepare<[number, number], number>("SELECT generation FROM outline_rows WHERE trace_key = ? AND generation > ? ORDER BY generation LIMIT 1")
    .pluck();
  // One step of deleting a generation's rows: those before its ROWS_PER_TRANSACTION-th (all, when fewer remain).
  const deleteGenerationStep = db.prepare<{ key: number; generation: number }>(
    `DELETE FROM outline_rows WHERE trace_key = $key AND generation = $generation AND row < coalesce(
       (SELECT row FROM outline_rows WHERE trace_key = $key AND generation = $generation ORDER BY row LIMIT 1 OFFSET ${ROWS_PER_TRANSACTION}), 9e18)`,
  );
  const insertRow = db.prepare<[number, number, number, string, number, number, number, number, number, number, number, string | null]>(
    "INSERT INTO outline_rows VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
  );
  const upsertHeader = db.prepare<[number, number, number, string, number]>("INSERT OR REPLACE INTO trace_outlines VALUES (?, ?, ?, ?, ?)");
  const reader = createReader(db);

  // Transactions that read, then write, begin IMMEDIATE: a deferred one whose read saw the store
  // before the writer thread's latest commit fails at its first write at once (SQLITE_BUSY, no wait),
  // which while a trace is being ingested is most of the time.
  const claimTransaction = db.transaction((traceId: string, owner: string, nowMs: number): boolean => {
    const trace = traceOf.get(traceId);
    if (trace === undefined) return false;
    const header = headerOf.get(trace.trace_key);
    if (header && header.span_count === trace.span_count) return false;
    const held = claimOf.get(trace.trace_key);
    if (held && held.owner !== owner && nowMs - held.claimed_at_ms < CLAIM_MS) return false;
    const generation = Math.max(header?.generation ?? 0, held?.generation ?? 0) + 1;
    upsertClaim.run(trace.trace_key, owner, generation, nowMs);
    return true;
  });
  const claim = (traceId: string, owner: string, nowMs: number) => claimTransaction.immediate(traceId, owner, nowMs);
  /** `step` in a transaction, when `owner`'s claim of `generation` still stands. */
  const underClaim = (key: number, owner: string, generation: number, step: () => void) =>
    db
      .transaction(() => {
        const held = claimOf.get(key);
        if (held?.owner !== owner || held.generation !== generation) return false;
        step();
        return true;
      })
      .immediate();
  const insertRows = (key: number, generation: number, from: number, records: OutlineRowRecord[]) => {
    for (let k = 0; k < records.length; k++) {
      const r = records[k];
      insertRow.run(
        key,
        generation,
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
  };
  /** Deletes the trace's rows of every generation but those kept, a step at a time. */
  function* dropGenerations(key: number, keep: (generation: number) => boolean): Generator<void> {
    for (let g = nextGeneration.get(key, -1); g !== undefined; g = nextGeneration.get(key, g)) {
      if (keep(g)) continue;
      while (deleteGenerationStep.run({ key, generation: g }).changes > 0) yield;
    }
  }
  const readRows = db.transaction((traceId: string, from: number, to: number): StoredOutlineRows | null => {
    const trace = traceOf.get(traceId);
    const header = trace && headerOf.get(trace.trace_key);
    if (!trace || !header) return null;
    const records = rows
      .all(trace.trace_key, header.generation, from, to)
      .map(([spanId, depth, childCount, orphan, subtreeEnd, parentRow, failures, subtreeEndUs, critical]) => ({
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
      }));
    return { spanCount: header.span_count, records };
  });

  return {
    header(traceIdHex) {
      const trace = traceOf.get(traceIdHex);
      const h = trace && headerOf.get(trace.trace_key);
      return trace && h ? { spanCount: h.span_count, traceSpanCount: trace.span_count, summary: JSON.parse(h.summary) as OutlineSummary } : null;
    },

    rows: (traceIdHex, from, to) => readRows(traceIdHex, from, to),

    spanCount: (traceIdHex) => traceOf.get(traceIdHex)?.span_count ?? null,

    stale: (fromSpans, sinceUs) => stale.all(sinceUs, fromSpans).map((r) => ({ traceId: r.trace_id, spanCount: r.span_count, laidOut: r.laid_out })),

    claim: (traceIdHex, owner, nowMs = Date.now()) => claim(traceIdHex, owner, nowMs),

    release(traceIdHex, owner) {
      const trace = traceOf.get(traceIdHex);
      if (trace) deleteClaim.run(trace.trace_key, owner);
    },

    *saveSteps(traceIdHex, outline, owner, summary = () => outlineSummary(outline)) {
      const key = traceOf.get(traceIdHex)?.trace_key;
      const held = key === undefined ? undefined : claimOf.get(key);
      if (key === undefined || held?.owner !== owner) return false;
      const { generation } = held;
      const older = headerOf.get(key)?.generation;
      // Rows of abandoned claims (a thread that stopped mid-save) go first.
      yield* dropGenerations(key, (g) => g === older || g === generation);
      const n = outline.rows.length;
      for (let from = 0; from < n; from += ROWS_PER_TRANSACTION) {
        yield;
        const to = Math.min(n, from + ROWS_PER_TRANSACTION);
        const records: OutlineRowRecord[] = [];
        for (let i = from; i < to; i++) records.push(outlineRowRecord(outline, i));
        if (!underClaim(key, owner, generation, () => insertRows(key, generation, from, records))) return false;
      }
      yield;
      const header = JSON.stringify(summary());
      const stored = underClaim(key, owner, generation, () => {
        upsertHeader.run(key, generation, n, header, Date.now());
        deleteClaim.run(key, owner);
      });
      if (!stored) return false;
      yield* dropGenerations(key, (g) => g >= generation);
      return true;
    },

    build(traceIdHex, owner = `build:${randomUUID()}`, between) {
      if (!claim(traceIdHex, owner, Date.now())) return traceOf.get(traceIdHex) === undefined ? 0 : null;
      const trace = traceFromSpans(traceIdHex, reader.getTraceOutlineSpans(traceIdHex));
      if (!trace) {
        this.release(traceIdHex, owner);
        return 0;
      }
      const outline = buildTraceOutline(trace);
      const steps = this.saveSteps(traceIdHex, outline, owner);
      let step = steps.next();
      while (!step.done) {
        between?.();
        step = steps.next();
      }
      return step.value ? outline.rows.length : null;
    },
  };
}
