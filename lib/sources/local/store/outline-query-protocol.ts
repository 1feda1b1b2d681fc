/** The messages between outline-query-thread.ts (the server's thread) and outline-query-worker.ts. */
import type { FindRequest } from "../../../analysis/outline-engine";
import type { OutlineSummary, OutlineView, RowsPage, SpanLocation } from "../../../analysis/trace-outline";

export interface OutlineQueryWorkerData {
  dataDir: string;
  /** Spans of outlines held at most (the least recently used go first). */
  cacheSpans: number;
  /** An outline is read and built again after this long (its trace may have grown). */
  ttlMs: number;
}

/** A view as it crosses: the worker works out attribute matches itself. */
export type WireView = Omit<OutlineView, "attributeMatches">;

export type OutlineQuestion =
  | { op: "summary"; traceId: string }
  | { op: "rows"; traceId: string; view: WireView; offset: number; limit: number }
  | { op: "locate"; traceId: string; view: WireView; spanId: string }
  | { op: "find"; traceId: string; view: WireView; find: FindRequest };

export type ToOutlineQueryWorker = { id: number; question: OutlineQuestion };

export type FromOutlineQueryWorker =
  { id: number; ok: true; answer: OutlineSummary | RowsPage | SpanLocation | null } | { id: number; ok: false; notFound: boolean; message: string };
