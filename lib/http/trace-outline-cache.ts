/**
 * The outlines of the large traces being looked at (lib/analysis/trace-outline.ts), kept in the
 * server's memory so that every window of rows, span lookup and search answers from the built
 * tree instead of reading the trace again: a million-span trace is read and built once, then each
 * request is a pass over typed arrays.
 *
 * Bounded by spans held (OUTLINE_CACHE_SPANS; the least recently used go first) and by age
 * (OUTLINE_TTL_MS: a trace still receiving spans is read again after that). Concurrent requests
 * for one trace share one read. Views (filter and folds) are cached per outline, a few each.
 */
import "server-only";
import {
  buildTraceOutline,
  outlineSummary,
  viewRows,
  type OutlineSummary,
  type OutlineView,
  type TraceOutline,
  type ViewRows,
} from "../analysis/trace-outline";
import type { Trace } from "../model";
import type { ParsedTraceId } from "../trace-id";
import { requireTrace } from "./require-trace";

const OUTLINE_CACHE_SPANS = 3_000_000;
const OUTLINE_TTL_MS = 5 * 60_000;
const VIEWS_PER_OUTLINE = 8;

interface Entry {
  outline: Promise<TraceOutline>;
  spans: number;
  builtAt: number;
  views: Map<string, ViewRows>;
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

function remember(key: string, outline: Promise<TraceOutline>, spans: number, now: number): Entry {
  const entry: Entry = { outline, spans, builtAt: now, views: new Map() };
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

/** The outline of a trace: cached, or read (a 404 ApiError when the trace is unknown) and built. */
export async function traceOutline(id: ParsedTraceId, requester: string | null): Promise<TraceOutline> {
  const cached = touch(id.hex);
  if (cached) return cached.outline;
  const outline = requireTrace(id, requester).then(buildTraceOutline);
  return remember(id.hex, outline, 0, Date.now()).outline;
}

/** The page's decision: a trace above `windowFrom` spans gets an outline (and is kept); a smaller one is returned whole. */
export async function traceForPage(id: ParsedTraceId, requester: string | null, windowFrom: number): Promise<{ outline: TraceOutline } | { trace: Trace }> {
  const cached = touch(id.hex);
  if (cached) return { outline: await cached.outline };
  const trace = await requireTrace(id, requester);
  if (trace.spans.length <= windowFrom) return { trace };
  const outline = buildTraceOutline(trace);
  remember(id.hex, Promise.resolve(outline), outline.rows.length, Date.now());
  return { outline };
}

function viewKey(view: OutlineView): string {
  return JSON.stringify([view.query.trim().toLowerCase(), view.service, [...view.collapsed].sort()]);
}

/** The view's rows, from the outline's few cached views when the same view was asked before. */
export function cachedViewRows(traceIdHex: string, outline: TraceOutline, view: OutlineView): ViewRows {
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
export function outlineSummaryOf(outline: TraceOutline): OutlineSummary {
  let s = summaries.get(outline);
  if (!s) summaries.set(outline, (s = outlineSummary(outline)));
  return s;
}
