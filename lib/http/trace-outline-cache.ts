/**
 * Large traces as the windowed view asks for them (lib/analysis/trace-outline.ts): a summary,
 * windows of a view's rows, a span's place, the next failure or match.
 *
 * Where the outline lives: a source with an outline thread of its own (the local store:
 * outline-query-thread.ts) holds it there, so that reading and building a million spans never stops
 * this thread answering other requests; otherwise (aws) an outline engine on this thread holds it
 * (lib/analysis/outline-engine.ts: the last 3,000,000 spans asked for, each for 5 minutes).
 *
 * A source with lean reads (Source.leanTraces: the local store) builds the outline from spans
 * without their events and most attributes, which is most of what a million spans cost to read; the
 * rows and spans answered are then read whole by ID (the 200 rows of a window), and a search asks
 * the source which spans' attributes match. When the source keeps a current outline (the local
 * store, once the trace has settled: outline-store.ts), the summary and the unfiltered, unfolded
 * view's rows are read from it by row number, without the outline in memory.
 */
import "server-only";
import {
  createOutlineEngine,
  OutlineTraceUnknown,
  type FindRequest,
  type OutlineEngine,
  type OutlineQuestions,
  type OutlineRead,
} from "../analysis/outline-engine";
import { windowFromRecords, type OutlineSummary, type OutlineView, type RowsPage, type SpanLocation } from "../analysis/trace-outline";
import type { Span, Trace, TraceSummary } from "../model";
import { getSource } from "../sources";
import type { LeanTraceReader, StoredOutline } from "../sources/source";
import type { ParsedTraceId } from "../trace-id";
import { requireTrace, traceNotFound } from "./require-trace";

// On globalThis: the route handlers and the page may be bundled apart, and must share one engine.
const holder = globalThis as typeof globalThis & { sightlineOutlineEngine?: OutlineEngine; sightlineOutlinesAnswered?: Map<string, number> };
/** How long an outline is held in memory here (and, by the same figure, on the local store's outline thread). */
const HELD_MS = 5 * 60_000;
const engine = (holder.sightlineOutlineEngine ??= createOutlineEngine({ cacheSpans: 3_000_000, ttlMs: HELD_MS }));

/**
 * When each trace's outline summary was last answered from memory (by the source's outline thread
 * or this engine): such an outline is likely still held there (both keep one 5 minutes), so a page
 * waits for it instead of going out "Laying out" at once (app/trace/[id]/page.tsx).
 */
const answered = (holder.sightlineOutlinesAnswered ??= new Map<string, number>());
const ANSWERED_KEPT = 1_000;

function noteAnswered(hex: string): void {
  answered.delete(hex);
  answered.set(hex, Date.now());
  if (answered.size > ANSWERED_KEPT) answered.delete(answered.keys().next().value!);
}

const heldRecently = (hex: string): boolean => Date.now() - (answered.get(hex) ?? -Infinity) < HELD_MS;

/** The trace with lean spans, or a 404 ApiError in the source's words. */
async function requireLeanTrace(lean: LeanTraceReader, id: ParsedTraceId, requester: string | null): Promise<Trace> {
  const trace = await lean.getLeanTrace(id, { requester });
  if (trace) return trace;
  throw traceNotFound(id);
}

/** A large trace as the windowed view asks for it. */
export interface WindowedTrace {
  summary(): Promise<OutlineSummary>;
  rows(view: OutlineView, offset: number, limit: number): Promise<RowsPage>;
  locate(view: OutlineView, spanId: string): Promise<SpanLocation | null>;
  find(view: OutlineView, find: FindRequest): Promise<SpanLocation | null>;
}

/** `items` with their spans whole, when the source's outlines are built from lean spans. */
async function withWholeSpans<T extends { span: Span }>(lean: LeanTraceReader | null, id: ParsedTraceId, items: T[]): Promise<T[]> {
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

/** The outline's questions about this trace: on the source's outline thread, or on this thread's engine. */
function inMemory(id: ParsedTraceId, requester: string | null): WindowedTrace {
  const lean = getSource().leanTraces ?? null;
  const read: OutlineRead = lean
    ? { trace: () => requireLeanTrace(lean, id, requester), attributeMatches: (text) => lean.spanIdsWithAttributeText(id, text) }
    : { trace: () => requireTrace(id, requester) };
  const questions: OutlineQuestions = lean?.outlineQuestions ?? {
    summary: (hex) => engine.summary(hex, read),
    rows: (hex, view, offset, limit) => engine.rows(hex, read, view, offset, limit),
    locate: (hex, view, spanId) => engine.locate(hex, read, view, spanId),
    find: (hex, view, find) => engine.find(hex, read, view, find),
  };
  const asked = <T>(answer: Promise<T>): Promise<T> =>
    answer.catch((err: unknown) => {
      throw err instanceof OutlineTraceUnknown ? traceNotFound(id) : err;
    });
  const whole = async (location: Promise<SpanLocation | null>) => {
    const found = await asked(location);
    return found && (await withWholeSpans(lean, id, [found]))[0];
  };
  return {
    summary: async () => {
      const summary = await asked(questions.summary(id.hex));
      noteAnswered(id.hex);
      return summary;
    },
    rows: async (view, offset, limit) => {
      const page = await asked(questions.rows(id.hex, view, offset, limit));
      return { ...page, rows: await withWholeSpans(lean, id, page.rows) };
    },
    locate: (view, spanId) => whole(questions.locate(id.hex, view, spanId)),
    find: (view, find) => whole(questions.find(id.hex, view, find)),
  };
}

const isPlain = (view: OutlineView) => !view.query.trim() && !view.service && view.collapsed.size === 0;

/**
 * The stored outline's summary and plain rows; everything else asked of the outline in memory. An
 * outline older than the trace (spans arrived since it was built) is answered as it is, its summary
 * marked `partial` with the trace's span count now; the rows come from the latest outline stored
 * when they are asked, with its span count as their total.
 */
function stored(id: ParsedTraceId, lean: LeanTraceReader, header: StoredOutline, built: WindowedTrace): WindowedTrace {
  const summary: OutlineSummary =
    header.traceSpanCount > header.spanCount ? { ...header.summary, partial: { traceSpanCount: header.traceSpanCount } } : header.summary;
  return {
    summary: async () => summary,
    async rows(view, offset, limit) {
      if (!isPlain(view)) return built.rows(view, offset, limit);
      const latest = await lean.storedOutlineRows!(id, offset, offset + limit);
      if (!latest) return built.rows(view, offset, limit);
      const { records } = latest;
      const ids = new Set(records.map((r) => r.spanId));
      const spans = new Map((await lean.getSpansById(id, [...ids])).map((s) => [s.spanId, s]));
      const parents = [...new Set([...spans.values()].map((s) => s.parentSpanId).filter((p): p is string => p !== null && !spans.has(p)))];
      for (const s of await lean.getSpansById(id, parents)) spans.set(s.spanId, s);
      return { total: latest.spanCount, matchCount: 0, offset, rows: windowFromRecords(offset, records, spans) };
    },
    locate: (view, spanId) => built.locate(view, spanId),
    find: (view, find) => built.find(view, find),
  };
}

async function storedHeader(lean: LeanTraceReader | null, id: ParsedTraceId) {
  return lean?.storedOutline ? await lean.storedOutline(id) : null;
}

/** The windowed view of a trace (its questions reject with a 404 ApiError when the trace is unknown). */
export async function windowedTrace(id: ParsedTraceId, requester: string | null): Promise<WindowedTrace> {
  const lean = getSource().leanTraces ?? null;
  const header = await storedHeader(lean, id);
  const built = inMemory(id, requester);
  return lean && header ? stored(id, lean, header, built) : built;
}

/**
 * The page's decision: a trace above `windowFrom` spans gets the windowed view; a smaller one is
 * returned whole. A source that sums up a trace without reading it (the local store) is asked that
 * first (`glance`: what the page shows while the outline is laid out; `held`: its outline was
 * answered from memory lately, and is likely held still); otherwise the trace is read (lean when it
 * can be) and, when large, its outline built from that read.
 */
export async function traceForPage(
  id: ParsedTraceId,
  requester: string | null,
  windowFrom: number,
): Promise<{ windowed: WindowedTrace; spanCount: number | null; glance: TraceSummary | null; held: boolean } | { trace: Trace }> {
  const lean = getSource().leanTraces ?? null;
  const header = await storedHeader(lean, id);
  if (lean && header && header.spanCount > windowFrom) {
    return { windowed: stored(id, lean, header, inMemory(id, requester)), spanCount: header.spanCount, glance: null, held: true };
  }
  if (lean?.traceSummary && lean.outlineQuestions) {
    const glance = await lean.traceSummary(id);
    if (glance === null) throw traceNotFound(id);
    return glance.spanCount > windowFrom
      ? { windowed: inMemory(id, requester), spanCount: glance.spanCount, glance, held: heldRecently(id.hex) }
      : { trace: await requireTrace(id, requester) };
  }
  if (engine.holds(id.hex)) return { windowed: inMemory(id, requester), spanCount: null, glance: null, held: true };
  const trace = lean ? await requireLeanTrace(lean, id, requester) : await requireTrace(id, requester);
  if (trace.spans.length <= windowFrom) return { trace: lean ? await requireTrace(id, requester) : trace };
  engine.adopt(id.hex, trace);
  return { windowed: inMemory(id, requester), spanCount: trace.spans.length, glance: null, held: true };
}
