/**
 * The graph rollup's share of a write (graph-rollup.ts), in the batch's transaction: `before` the
 * spans are inserted it sets each span's "answered" flag (a child of another service is in the
 * batch, or stored and waiting for it in graph_pending); `after`, knowing which spans were newly
 * stored, it adds their contributions and updates the stored spans whose facts they change: a
 * waiting child whose parent arrived, a stored parent that a new child of another service answers.
 * A span whose parent is not stored waits in graph_pending (trace, parent, span, service).
 */
import type Database from "better-sqlite3";
import type { ServiceType, SpanKind, SpanStatus } from "../../../model";
import { contribute, createRollupFlusher, GRAPH_SPAN_COLUMNS, type GraphSpan, type GraphSpanRow, graphSpanFromRow, RollupDelta } from "./graph-rollup";
import { type Cell, SPAN_ANSWERED, SPAN_CALLEE, SPAN_CALLEE_TYPE, SPAN_FIELDS } from "./prepared-batch";

interface Waiting {
  parentSpanId: string;
  spanId: string;
  service: string;
}

/** A span stored before this batch whose contribution the batch may change. */
interface Touched {
  span: GraphSpan;
  parentBefore: GraphSpan | undefined;
  parent: GraphSpan | undefined;
  answeredBefore: boolean;
  answered: boolean;
}

export type WaitingByTrace = Map<string, Waiting[]>;

function spanOfRow(rows: readonly Cell[], index: number): GraphSpan {
  const o = index * SPAN_FIELDS;
  return {
    traceId: rows[o] as string,
    spanId: rows[o + 1] as string,
    parentSpanId: rows[o + 2] as string | null,
    service: rows[o + 3] as string,
    kind: rows[o + 5] as SpanKind,
    startUs: rows[o + 6] as number,
    endUs: rows[o + 7] as number,
    status: rows[o + 8] as SpanStatus,
    origin: rows[o + 11] as string | null,
    callee: rows[o + SPAN_CALLEE] as string | null,
    calleeType: rows[o + SPAN_CALLEE_TYPE] as ServiceType | null,
  };
}

export function createRollupWriter(db: Database.Database) {
  const waitingOf = db.prepare<[string], { parent_span_id: string; span_id: string; service: string }>(
    "SELECT parent_span_id, span_id, service FROM graph_pending WHERE trace_id = ?",
  );
  const anyWaiting = db.prepare<[], { one: number }>("SELECT 1 AS one FROM graph_pending LIMIT 1");
  const wait = db.prepare<[string, string, string, string]>(
    "INSERT INTO graph_pending (trace_id, parent_span_id, span_id, service) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
  );
  const stopWaiting = db.prepare<[string, string, string]>("DELETE FROM graph_pending WHERE trace_id = ? AND parent_span_id = ? AND span_id = ?");
  const storedSpan = db.prepare<[string, string], GraphSpanRow>(`SELECT ${GRAPH_SPAN_COLUMNS} FROM spans WHERE trace_id = ? AND span_id = ?`);
  const markAnswered = db.prepare<[string, string]>("UPDATE spans SET answered = 1 WHERE trace_id = ? AND span_id = ?");
  const flush = createRollupFlusher(db);

  /** Before the insert: the answered flags in `rows`; returns the stored spans waiting for a parent, by trace. */
  function before(rows: Cell[]): WaitingByTrace {
    const count = rows.length / SPAN_FIELDS;
    const indexOf = new Map<string, number>();
    const waiting: WaitingByTrace = new Map();
    // Usually nothing waits (parents arrive with or before their children): one query, not one per trace.
    const look = anyWaiting.get() !== undefined;
    for (let i = 0; i < count; i++) {
      const o = i * SPAN_FIELDS;
      const traceId = rows[o] as string;
      indexOf.set(`${traceId}/${rows[o + 1] as string}`, i);
      if (look && !waiting.has(traceId)) {
        waiting.set(
          traceId,
          waitingOf.all(traceId).map((w) => ({ parentSpanId: w.parent_span_id, spanId: w.span_id, service: w.service })),
        );
      }
    }
    const answer = (parentKey: string, childService: Cell) => {
      const p = indexOf.get(parentKey);
      if (p !== undefined && rows[p * SPAN_FIELDS + 3] !== childService) rows[p * SPAN_FIELDS + SPAN_ANSWERED] = 1;
    };
    for (let i = 0; i < count; i++) {
      const o = i * SPAN_FIELDS;
      if (rows[o + 2] !== null) answer(`${rows[o] as string}/${rows[o + 2] as string}`, rows[o + 3]);
    }
    for (const [traceId, list] of waiting) for (const w of list) answer(`${traceId}/${w.parentSpanId}`, w.service);
    return waiting;
  }

  /** After the insert: `stored` are the indexes of the spans newly stored. */
  function after(rows: Cell[], stored: readonly number[], waiting: WaitingByTrace): void {
    const delta = new RollupDelta();
    const fresh = new Map<string, GraphSpan>();
    for (const i of stored) {
      const s = spanOfRow(rows, i);
      fresh.set(`${s.traceId}/${s.spanId}`, s);
    }
    const touched = new Map<string, Touched>();
    /** A span stored before this batch (undefined when there is none), registered as touched. */
    const storedBefore = (traceId: string, spanId: string): Touched | undefined => {
      const key = `${traceId}/${spanId}`;
      const known = touched.get(key);
      if (known || fresh.has(key)) return known;
      const row = storedSpan.get(traceId, spanId);
      if (!row) return undefined;
      const span = graphSpanFromRow(row);
      let parentBefore: GraphSpan | undefined;
      let parent: GraphSpan | undefined;
      if (span.parentSpanId !== null) {
        parent = fresh.get(`${traceId}/${span.parentSpanId}`);
        if (!parent) {
          const p = storedSpan.get(traceId, span.parentSpanId);
          parentBefore = parent = p ? graphSpanFromRow(p) : undefined;
        }
      }
      const entry: Touched = { span, parentBefore, parent, answeredBefore: row.answered === 1, answered: row.answered === 1 };
      touched.set(key, entry);
      return entry;
    };

    // Stored spans that were waiting for a parent this batch brought.
    for (const [traceId, list] of waiting) {
      for (const w of list) {
        if (!fresh.has(`${traceId}/${w.parentSpanId}`)) continue;
        storedBefore(traceId, w.spanId);
        stopWaiting.run(traceId, w.parentSpanId, w.spanId);
      }
    }

    for (const i of stored) {
      const o = i * SPAN_FIELDS;
      const traceId = rows[o] as string;
      const s = fresh.get(`${traceId}/${rows[o + 1] as string}`) as GraphSpan;
      let parent: GraphSpan | undefined;
      if (s.parentSpanId !== null) {
        parent = fresh.get(`${traceId}/${s.parentSpanId}`);
        if (!parent) {
          const old = storedBefore(traceId, s.parentSpanId);
          if (old) {
            parent = old.span;
            if (parent.service !== s.service) old.answered = true;
          } else {
            wait.run(traceId, s.parentSpanId, s.spanId, s.service);
          }
        }
      }
      contribute(delta, s, parent, rows[o + SPAN_ANSWERED] === 1, 1);
    }

    for (const t of touched.values()) {
      if (t.parent === t.parentBefore && t.answered === t.answeredBefore) continue;
      contribute(delta, t.span, t.parentBefore, t.answeredBefore, -1);
      contribute(delta, t.span, t.parent, t.answered, 1);
      if (t.answered && !t.answeredBefore) markAnswered.run(t.span.traceId, t.span.spanId);
    }
    flush(delta);
  }

  return { before, after, flush };
}
