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

type WaitingByTrace = Map<string, Waiting[]>;

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

/** What `before` learnt of the batch, for `after`: the spans by trace and span ID, each span's parent in the batch. */
export interface BatchRelations {
  waiting: WaitingByTrace;
  /** Span index by trace ID, then span ID (the row's own strings: no key built per span). */
  indexOf: Map<string, Map<string, number>>;
  /** The index of each span's parent in the batch, −1 when it is not in it. */
  parentIndex: Int32Array;
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

  /** Before the insert: the answered flags in `rows`; the batch's relations, with the stored spans waiting for a parent. */
  function before(rows: Cell[]): BatchRelations {
    const count = rows.length / SPAN_FIELDS;
    const indexOf = new Map<string, Map<string, number>>();
    const parentIndex = new Int32Array(count).fill(-1);
    const waiting: WaitingByTrace = new Map();
    // Usually nothing waits (parents arrive with or before their children): one query, not one per trace.
    const look = anyWaiting.get() !== undefined;
    for (let i = 0; i < count; i++) {
      const o = i * SPAN_FIELDS;
      const traceId = rows[o] as string;
      let spans = indexOf.get(traceId);
      if (!spans) {
        indexOf.set(traceId, (spans = new Map()));
        if (look)
          waiting.set(
            traceId,
            waitingOf.all(traceId).map((w) => ({ parentSpanId: w.parent_span_id, spanId: w.span_id, service: w.service })),
          );
      }
      // A span sent twice in one batch: the first is the one the insert keeps.
      if (!spans.has(rows[o + 1] as string)) spans.set(rows[o + 1] as string, i);
    }
    const answer = (p: number | undefined, childService: Cell) => {
      if (p !== undefined && rows[p * SPAN_FIELDS + 3] !== childService) rows[p * SPAN_FIELDS + SPAN_ANSWERED] = 1;
    };
    for (let i = 0; i < count; i++) {
      const o = i * SPAN_FIELDS;
      if (rows[o + 2] === null) continue;
      const p = indexOf.get(rows[o] as string)?.get(rows[o + 2] as string);
      if (p === undefined) continue;
      parentIndex[i] = p;
      answer(p, rows[o + 3]);
    }
    for (const [traceId, list] of waiting) for (const w of list) answer(indexOf.get(traceId)?.get(w.parentSpanId), w.service);
    return { waiting, indexOf, parentIndex };
  }

  /** After the insert: `stored` are the indexes of the spans newly stored. */
  function after(rows: Cell[], stored: readonly number[], { waiting, indexOf, parentIndex }: BatchRelations): void {
    const delta = new RollupDelta();
    const spans: (GraphSpan | undefined)[] = new Array<GraphSpan | undefined>(rows.length / SPAN_FIELDS);
    for (const i of stored) spans[i] = spanOfRow(rows, i);
    /** A span of this batch that was newly stored. */
    const fresh = (traceId: string, spanId: string): GraphSpan | undefined => {
      const i = indexOf.get(traceId)?.get(spanId);
      return i === undefined ? undefined : spans[i];
    };
    const touched = new Map<string, Touched>();
    /** A span stored before this batch (undefined when there is none), registered as touched. */
    const storedBefore = (traceId: string, spanId: string): Touched | undefined => {
      const key = `${traceId}/${spanId}`;
      const known = touched.get(key);
      if (known || fresh(traceId, spanId)) return known;
      const row = storedSpan.get(traceId, spanId);
      if (!row) return undefined;
      const span = graphSpanFromRow(row);
      let parentBefore: GraphSpan | undefined;
      let parent: GraphSpan | undefined;
      if (span.parentSpanId !== null) {
        parent = fresh(traceId, span.parentSpanId);
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
        if (!fresh(traceId, w.parentSpanId)) continue;
        storedBefore(traceId, w.spanId);
        stopWaiting.run(traceId, w.parentSpanId, w.spanId);
      }
    }

    for (const i of stored) {
      const s = spans[i] as GraphSpan;
      let parent: GraphSpan | undefined;
      if (s.parentSpanId !== null) {
        const p = parentIndex[i];
        parent = p >= 0 ? spans[p] : undefined;
        if (!parent) {
          const old = storedBefore(s.traceId, s.parentSpanId);
          if (old) {
            parent = old.span;
            if (parent.service !== s.service) old.answered = true;
          } else {
            wait.run(s.traceId, s.parentSpanId, s.spanId, s.service);
          }
        }
      }
      contribute(delta, s, parent, rows[i * SPAN_FIELDS + SPAN_ANSWERED] === 1, 1);
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
