/**
 * The outlines of the large traces being looked at (lib/analysis/trace-outline.ts), kept in the
 * server's memory so that every window of rows, span lookup and search answers from the built
 * tree instead of reading the trace again: a million-span trace is read and built once, then each
 * request is a pass over typed arrays.
 *
 * Bounded by spans held (OUTLINE_CACHE_SPANS; the least recently used go first) and by age
 * (OUTLINE_TTL_MS: a trace still receiving spans is read again after that). Concurrent requests
 * for one trace share one read. Views (filter and folds) are cached per outline, a few each.
 *
 * A source with lean reads (Source.leanTraces: the local store) gives the outline spans without
 * their events and most attributes, which is most of what a million spans cost to read; the rows
 * and spans these functions answer with are then read whole by ID (the 200 rows of a window), and
 * a search asks the source which spans' attributes match.
 */
import "server-only";
import {
  buildTraceOutline,
  findSpan,
  locateSpan,
  outlineSummary,
  viewRows,
  windowFromRecords,
  windowOf,
  type FindKind,
  type OutlineSummary,
  type OutlineView,
  type RowsPage,
  type SpanLocation,
  type TraceOutline,
  type ViewRows,
} from "../analysis/trace-outline";
import type { Span, Trace } from "../model";
import { getSource } from "../sources";
import type { LeanTraceReader } from "../sources/source";
import type { ParsedTraceId } from "../trace-id";
import { ApiError } from "./api-error";
import { requireTrace } from "./require-trace";

const OUTLINE_CACHE_SPANS = 3_000_000;
const OUTLINE_TTL_MS = 5 * 60_000;
const VIEWS_PER_OUTLINE = 8;

interface Entry {
  outline: Promise<TraceOutline>;
  spans: number;
  builtAt: number;
  views: Map<string, ViewRows>;
  /** Set when the outline was built from lean spans: where whole spans and attribute matches come from. */
  lean: LeanTraceReader | null;
  /** Per search text (lower case): the spans whose attributes match it (lean outlines only). */
  attributeMatches: Map<string, Promise<Set<string>>>;
}

// On globalThis: the route handlers and the page may be bundled apart, and must share one cache.
const holder = globalThis as typeof globalThis & { sightlineOutlines?: Map<string, Entry> };
const entries = (holder.sightlineOutlines ??= new Map<string, Entry>());

function evict(now: number): void {
  let held = 0;
  for (const [id, e] of entries) {
    if (now - e.builtAt > OUTLINE_TTL_MS) entries.delete(id);
    else held += e.spans;
  }
  // Map order is insertion order, refreshed on every use (below): the first is the least recent.
  for (const [id, e] of entries) {
    if (held <= OUTLINE_CACHE_SPANS || entries.size <= 1) break;
    entries.delete(id);
    held -= e.spans;
  }
}

function remember(key: string, outline: Promise<TraceOutline>, spans: number, now: number, lean: LeanTraceReader | null): Entry {
  const entry: Entry = { outline, spans, builtAt: now, views: new Map(), lean, attributeMatches: new Map() };
  entries.set(key, entry);
  outline.then(
    (o) => {
      entry.spans = o.rows.length;
      evict(Date.now());
    },
    () => entries.delete(key),
  );
  return entry;
}

function touch(key: string): Entry | undefined {
  const entry = entries.get(key);
  if (!entry) return undefined;
  if (Date.now() - entry.builtAt > OUTLINE_TTL_MS) {
    entries.delete(key);
    return undefined;
  }
  entries.delete(key);
  entries.set(key, entry);
  return entry;
}

/** The trace with lean spans, or a 404 ApiError in the source's words. */
async function requireLeanTrace(lean: LeanTraceReader, id: ParsedTraceId, requester: string | null): Promise<Trace> {
  const trace = await lean.getLeanTrace(id, { requester });
  if (trace) return trace;
  throw new ApiError(404, "trace_not_found", getSource().traceNotFoundMessage(id, Date.now()));
}

/** The outline of a trace: cached, or read (a 404 ApiError when the trace is unknown) and built. */
async function traceOutline(id: ParsedTraceId, requester: string | null): Promise<TraceOutline> {
  const cached = touch(id.hex);
  if (cached) return cached.outline;
  const lean = getSource().leanTraces ?? null;
  const outline = (lean ? requireLeanTrace(lean, id, requester) : requireTrace(id, requester)).then(buildTraceOutline);
  return remember(id.hex, outline, 0, Date.now(), lean).outline;
}

/**
 * A large trace as the windowed view asks for it. From the source's stored outline when it keeps a
 * current one (the local store, once the trace has settled: outline-store.ts): the summary and the
 * unfiltered, unfolded view's rows are read by row number, without reading the trace; a search, a
 * service filter, a fold, a located span or a find builds the outline in memory first (once, then
 * cached as any outline). Otherwise from the outline in memory.
 */
export interface WindowedTrace {
  summary: OutlineSummary;
  rows(view: OutlineView, offset: number, limit: number): Promise<RowsPage>;
  locate(view: OutlineView, spanId: string): Promise<SpanLocation | null>;
  find(view: OutlineView, find: { from: string | null; direction: 1 | -1; kind: FindKind }): Promise<SpanLocation | null>;
}

function inMemory(id: ParsedTraceId, outline: TraceOutline): WindowedTrace {
  return {
    summary: outlineSummaryOf(outline),
    rows: (view, offset, limit) => rowsPage(id, outline, view, offset, limit),
    locate: (view, spanId) => spanLocation(id, outline, view, spanId),
    find: (view, find) => findInOutline(id, outline, view, find),
  };
}

const isPlain = (view: OutlineView) => !view.query.trim() && !view.service && view.collapsed.size === 0;

function stored(id: ParsedTraceId, requester: string | null, lean: LeanTraceReader, header: { spanCount: number; summary: OutlineSummary }): WindowedTrace {
  const built = () => traceOutline(id, requester);
  return {
    summary: header.summary,
    async rows(view, offset, limit) {
      if (!isPlain(view)) return rowsPage(id, await built(), view, offset, limit);
      const records = await lean.storedOutlineRows!(id, offset, Math.min(header.spanCount, offset + limit));
      const ids = new Set(records.map((r) => r.spanId));
      const spans = new Map((await lean.getSpansById(id, [...ids])).map((s) => [s.spanId, s]));
      const parents = [...new Set([...spans.values()].map((s) => s.parentSpanId).filter((p): p is string => p !== null && !spans.has(p)))];
      for (const s of await lean.getSpansById(id, parents)) spans.set(s.spanId, s);
      return { total: header.spanCount, matchCount: 0, offset, rows: windowFromRecords(offset, records, spans) };
    },
    locate: async (view, spanId) => spanLocation(id, await built(), view, spanId),
    find: async (view, find) => findInOutline(id, await built(), view, find),
  };
}

/** The windowed view of a trace (a 404 ApiError when the trace is unknown). */
export async function windowedTrace(id: ParsedTraceId, requester: string | null): Promise<WindowedTrace> {
  const cached = touch(id.hex);
  if (cached) return inMemory(id, await cached.outline);
  const lean = getSource().leanTraces;
  const header = lean?.storedOutline ? await lean.storedOutline(id) : null;
  if (lean && header) return stored(id, requester, lean, header);
  return inMemory(id, await traceOutline(id, requester));
}

/**
 * The page's decision: a trace above `windowFrom` spans gets the windowed view (its outline kept);
 * a smaller one is returned whole (with lean reads: read again, whole — at most `windowFrom` spans).
 */
export async function traceForPage(id: ParsedTraceId, requester: string | null, windowFrom: number): Promise<{ windowed: WindowedTrace } | { trace: Trace }> {
  const cached = touch(id.hex);
  if (cached) return { windowed: inMemory(id, await cached.outline) };
  const lean = getSource().leanTraces ?? null;
  const header = lean?.storedOutline ? await lean.storedOutline(id) : null;
  if (lean && header) return { windowed: stored(id, requester, lean, header) };
  const trace = lean ? await requireLeanTrace(lean, id, requester) : await requireTrace(id, requester);
  if (trace.spans.length <= windowFrom) return { trace: lean ? await requireTrace(id, requester) : trace };
  const outline = buildTraceOutline(trace);
  remember(id.hex, Promise.resolve(outline), outline.rows.length, Date.now(), lean);
  return { windowed: inMemory(id, outline) };
}

const ATTRIBUTE_SEARCHES_PER_OUTLINE = 4;

/** The view, with the spans whose attributes match its search when the outline is lean. */
async function completeView(id: ParsedTraceId, view: OutlineView): Promise<OutlineView> {
  const entry = entries.get(id.hex);
  const text = view.query.trim().toLowerCase();
  if (!entry?.lean || !text) return view;
  let matches = entry.attributeMatches.get(text);
  if (!matches) {
    if (entry.attributeMatches.size >= ATTRIBUTE_SEARCHES_PER_OUTLINE) entry.attributeMatches.delete(entry.attributeMatches.keys().next().value!);
    matches = entry.lean.spanIdsWithAttributeText(id, text);
    entry.attributeMatches.set(text, matches);
    matches.catch(() => entry.attributeMatches.delete(text));
  }
  return { ...view, attributeMatches: await matches };
}

/** `items` with their spans whole, when the outline's are lean. */
async function withWholeSpans<T extends { span: Span }>(id: ParsedTraceId, items: T[]): Promise<T[]> {
  const lean = entries.get(id.hex)?.lean;
  if (!lean || items.length === 0) return items;
  const whole = new Map(
    (
      await lean.getSpansById(
        id,
        items.map((item) => item.span.spanId),
      )
    ).map((s) => [s.spanId, s]),
  );
  return items.map((item) => ({ ...item, span: whole.get(item.span.spanId) ?? item.span }));
}

/** GET …/rows: a window of the view's rows. */
async function rowsPage(id: ParsedTraceId, outline: TraceOutline, view: OutlineView, offset: number, limit: number): Promise<RowsPage> {
  const full = await completeView(id, view);
  const rows = cachedViewRows(id.hex, outline, full);
  return { total: rows.order.length, matchCount: rows.matchCount, offset, rows: await withWholeSpans(id, windowOf(outline, full, rows, offset, limit)) };
}

/** GET …/spans/{spanId}: the span, whole, and its place in the view; null when the trace has no such span. */
async function spanLocation(id: ParsedTraceId, outline: TraceOutline, view: OutlineView, spanId: string): Promise<SpanLocation | null> {
  const location = locateSpan(outline, await completeView(id, view), spanId);
  return location && (await withWholeSpans(id, [location]))[0];
}

/** GET …/find: the next (previous) failing or matching span after `from`, located; null when there is none. */
async function findInOutline(
  id: ParsedTraceId,
  outline: TraceOutline,
  view: OutlineView,
  find: { from: string | null; direction: 1 | -1; kind: FindKind },
): Promise<SpanLocation | null> {
  const full = await completeView(id, view);
  const found = findSpan(outline, full, find.from, find.direction, find.kind);
  return found === null ? null : spanLocation(id, outline, view, found);
}

function viewKey(view: OutlineView): string {
  return JSON.stringify([view.query.trim().toLowerCase(), view.service, [...view.collapsed].sort()]);
}

/** The view's rows, from the outline's few cached views when the same view was asked before. */
function cachedViewRows(traceIdHex: string, outline: TraceOutline, view: OutlineView): ViewRows {
  const entry = entries.get(traceIdHex);
  const key = viewKey(view);
  const hit = entry?.views.get(key);
  if (hit) return hit;
  const rows = viewRows(outline, view);
  if (entry) {
    if (entry.views.size >= VIEWS_PER_OUTLINE) entry.views.delete(entry.views.keys().next().value!);
    entry.views.set(key, rows);
  }
  return rows;
}

const summaryHolder = globalThis as typeof globalThis & { sightlineOutlineSummaries?: WeakMap<TraceOutline, OutlineSummary> };
const summaries = (summaryHolder.sightlineOutlineSummaries ??= new WeakMap<TraceOutline, OutlineSummary>());

/** Built once per outline: the service graph alone is a pass over every span. */
function outlineSummaryOf(outline: TraceOutline): OutlineSummary {
  let s = summaries.get(outline);
  if (!s) summaries.set(outline, (s = outlineSummary(outline)));
  return s;
}
