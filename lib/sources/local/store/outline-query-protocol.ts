/**
 * The messages between outline-query-thread.ts (the server's thread), outline-query-worker.ts and
 * attribute-search-worker.ts (the latter two talk over a MessagePort of their own).
 */
import type { MessagePort } from "node:worker_threads";
import type { FindRequest } from "../../../analysis/outline-engine";
import type { OutlineBuilt } from "./outline-builder";
import type { OutlineSummary, OutlineView, RowsPage, SpanLocation } from "../../../analysis/trace-outline";

export interface OutlineQueryWorkerData {
  dataDir: string;
  /** Spans of outlines held at most (the least recently used go first). */
  cacheSpans: number;
  /** An outline is read and built again after this long (its trace may have grown). */
  ttlMs: number;
  /**
   * The attribute search thread's end (attribute-search-worker.ts): a search's attribute matches
   * are read there while this thread reads and builds the outline.
   */
  attributeSearch: MessagePort;
}

export interface AttributeSearchWorkerData {
  dataDir: string;
  /** The outline query thread's end. */
  port: MessagePort;
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
  | { id: number; ok: true; answer: OutlineSummary | RowsPage | SpanLocation | null }
  | { id: number; ok: false; notFound: boolean; message: string }
  /** An outline this thread built for a question, stored (outline-store.ts) for later loads: no answer to a question. */
  | { stored: OutlineBuilt };

/** The IDs of the trace's spans with a string attribute containing `text` (lower case). */
export type ToAttributeSearch = { id: number; traceId: string; text: string };

export type FromAttributeSearch = { id: number; ok: true; spanIds: string[] } | { id: number; ok: false; message: string };
