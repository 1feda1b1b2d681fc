/**
 * Large traces' outlines (trace-outline.ts) built in memory, and the windowed view's questions of
 * them: a summary, a window of a view's rows, a span's place in a view, the next failure or match.
 * A million-span trace is read and built once, then each question is a pass over typed arrays.
 *
 * Bounded by spans held (`cacheSpans`; the least recently used go first) and by age (`ttlMs`: a
 * trace still receiving spans is read again after that). Concurrent questions about one trace share
 * one read. Views (filter and folds) are cached per outline, a few each, and so are the attribute
 * searches of an outline read lean.
 *
 * Knows no source: each question says how to read its trace (`OutlineRead`). The server's thread
 * runs one for the aws source (lib/http/trace-outline-cache.ts); the local store runs one on a thread
 * of its own (lib/sources/local/store/outline-query-worker.ts), so that reading and building a
 * million-span outline never stops the server answering other requests.
 */
import type { Trace } from "../model";
import {
  buildTraceOutline,
  findSpan,
  locateSpan,
  outlineSummary,
  viewRows,
  windowOf,
  type FindKind,
  type OutlineSummary,
  type OutlineView,
  type RowsPage,
  type SpanLocation,
  type TraceOutline,
  type ViewRows,
} from "./trace-outline";

/** How to read the trace an outline is built from. */
export interface OutlineRead {
  /** The trace (throws when it is unknown: the caller's own error goes back to the asker). */
  trace(): Promise<Trace>;
  /**
   * Set when `trace()` reads lean (spans without most attributes): the IDs of the spans whose
   * attributes contain the (lower-case) text, which a search then counts as matches.
   */
  attributeMatches?(text: string): Promise<Set<string>>;
  /**
   * Set when the trace's span count is cheap to know (the local store's row for it): an outline
   * held of another span count (the trace grew since) is read and built again.
   */
  spanCount?(): number | null;
}

export interface FindRequest {
  from: string | null;
  direction: 1 | -1;
  kind: FindKind;
}

/** The engine's questions asked elsewhere (a thread of their own), the trace named by its hex ID. */
export interface OutlineQuestions {
  summary(traceIdHex: string): Promise<OutlineSummary>;
  rows(traceIdHex: string, view: OutlineView, offset: number, limit: number): Promise<RowsPage>;
  locate(traceIdHex: string, view: OutlineView, spanId: string): Promise<SpanLocation | null>;
  find(traceIdHex: string, view: OutlineView, find: FindRequest): Promise<SpanLocation | null>;
}

/** An OutlineRead's (and OutlineQuestions') answer when the trace is unknown. */
export class OutlineTraceUnknown extends Error {}

export interface OutlineEngineOptions {
  cacheSpans: number;
  ttlMs: number;
  viewsPerOutline?: number;
  attributeSearchesPerOutline?: number;
  /**
   * Told of each outline built, with its summary (computed once, shared with the questions'): the
   * local store's outline thread stores it, so that later loads need no build.
   */
  onBuilt?(key: string, outline: TraceOutline, summary: () => OutlineSummary): void;
}

export interface OutlineEngine {
  /** Is the trace's outline held (built or being built, and not too old)? */
  holds(key: string): boolean;
  /** Builds the outline from a trace already read (the page read it to count its spans) unless one is held. */
  adopt(key: string, trace: Trace): void;
  summary(key: string, read: OutlineRead): Promise<OutlineSummary>;
  rows(key: string, read: OutlineRead, view: OutlineView, offset: number, limit: number): Promise<RowsPage>;
  /** The span and its place in the view; null when the trace has no such span. */
  locate(key: string, read: OutlineRead, view: OutlineView, spanId: string): Promise<SpanLocation | null>;
  /** The next (previous) failing or matching span after `from`, located; null when there is none. */
  find(key: string, read: OutlineRead, view: OutlineView, find: FindRequest): Promise<SpanLocation | null>;
}

interface Entry {
  outline: Promise<TraceOutline>;
  spans: number;
  builtAt: number;
  summary: OutlineSummary | null;
  views: Map<string, ViewRows>;
  attributeMatches: Map<string, Promise<Set<string>>>;
}

function viewKey(view: OutlineView): string {
  return JSON.stringify([view.query.trim().toLowerCase(), view.service, [...view.collapsed].sort()]);
}

export function createOutlineEngine(options: OutlineEngineOptions): OutlineEngine {
  const { cacheSpans, ttlMs } = options;
  const viewsPerOutline = options.viewsPerOutline ?? 8;
  const searchesPerOutline = options.attributeSearchesPerOutline ?? 4;
  const entries = new Map<string, Entry>();

  function evict(now: number): void {
    let held = 0;
    for (const [key, e] of entries) {
      if (now - e.builtAt > ttlMs) entries.delete(key);
      else held += e.spans;
    }
    // Map order is insertion order, refreshed on every use (touch): the first is the least recent.
    for (const [key, e] of entries) {
      if (held <= cacheSpans || entries.size <= 1) break;
      entries.delete(key);
      held -= e.spans;
    }
  }

  function remember(key: string, outline: Promise<TraceOutline>): Entry {
    const entry: Entry = { outline, spans: 0, builtAt: Date.now(), summary: null, views: new Map(), attributeMatches: new Map() };
    entries.set(key, entry);
    outline.then(
      (o) => {
        entry.spans = o.rows.length;
        evict(Date.now());
        options.onBuilt?.(key, o, () => (entry.summary ??= outlineSummary(o)));
      },
      () => {
        if (entries.get(key) === entry) entries.delete(key);
      },
    );
    return entry;
  }

  function touch(key: string): Entry | undefined {
    const entry = entries.get(key);
    if (!entry) return undefined;
    if (Date.now() - entry.builtAt > ttlMs) {
      entries.delete(key);
      return undefined;
    }
    entries.delete(key);
    entries.set(key, entry);
    return entry;
  }

  /** The outline held (unless the trace has grown since it was built), or one being read and built now. */
  function entryOf(key: string, read: OutlineRead): Entry {
    const held = touch(key);
    if (held && held.spans > 0 && read.spanCount && read.spanCount() !== held.spans) entries.delete(key);
    else if (held) return held;
    return remember(key, read.trace().then(buildTraceOutline));
  }

  /** The view, with the spans whose attributes match its search when the outline is lean. */
  async function completeView(entry: Entry, read: OutlineRead, view: OutlineView): Promise<OutlineView> {
    const text = view.query.trim().toLowerCase();
    if (!read.attributeMatches || !text) return view;
    let matches = entry.attributeMatches.get(text);
    if (!matches) {
      if (entry.attributeMatches.size >= searchesPerOutline) entry.attributeMatches.delete(entry.attributeMatches.keys().next().value!);
      matches = read.attributeMatches(text);
      entry.attributeMatches.set(text, matches);
      matches.catch(() => entry.attributeMatches.delete(text));
    }
    return { ...view, attributeMatches: await matches };
  }

  /** The view's rows, from the outline's few cached views when the same view was asked before. */
  function cachedViewRows(entry: Entry, outline: TraceOutline, view: OutlineView): ViewRows {
    const key = viewKey(view);
    const hit = entry.views.get(key);
    if (hit) return hit;
    const rows = viewRows(outline, view);
    if (entry.views.size >= viewsPerOutline) entry.views.delete(entry.views.keys().next().value!);
    entry.views.set(key, rows);
    return rows;
  }

  /**
   * The outline and the view with its attribute matches, asked together: where the matches are
   * read elsewhere (the local store's attribute search thread), they are read while the outline is.
   */
  const outlineAndView = (entry: Entry, read: OutlineRead, view: OutlineView) => Promise.all([entry.outline, completeView(entry, read, view)]);

  async function locate(entry: Entry, read: OutlineRead, view: OutlineView, spanId: string): Promise<SpanLocation | null> {
    const [outline, full] = await outlineAndView(entry, read, view);
    return locateSpan(outline, full, spanId);
  }

  return {
    holds: (key) => touch(key) !== undefined,
    adopt(key, trace) {
      if (!touch(key)) remember(key, Promise.resolve(buildTraceOutline(trace)));
    },
    async summary(key, read) {
      const entry = entryOf(key, read);
      const outline = await entry.outline;
      return (entry.summary ??= outlineSummary(outline));
    },
    async rows(key, read, view, offset, limit) {
      const entry = entryOf(key, read);
      const [outline, full] = await outlineAndView(entry, read, view);
      const rows = cachedViewRows(entry, outline, full);
      return { total: rows.order.length, matchCount: rows.matchCount, offset, rows: windowOf(outline, full, rows, offset, limit) };
    },
    locate: (key, read, view, spanId) => locate(entryOf(key, read), read, view, spanId),
    async find(key, read, view, find) {
      const entry = entryOf(key, read);
      const [outline, full] = await outlineAndView(entry, read, view);
      const found = findSpan(outline, full, find.from, find.direction, find.kind);
      return found === null ? null : locate(entry, read, view, found);
    },
  };
}
