/**
 * A large trace shown through windows: the server builds this outline once per trace (the span
 * tree in depth-first order, each row's subtree extent, failures and end time, the critical path)
 * and answers the browser's requests for a window of rows, for a span's position, and for the next
 * error or search match, without the browser ever holding the whole trace.
 *
 * A view is what the user has narrowed the tree to: a span search, a service filter (matches and
 * their ancestors, as the Gantt shows them) and collapsed subtrees. Its rows are an Int32Array of
 * row indices, so a million-span view costs 4 MB and one pass over the rows.
 */
import type { ServiceGraph, Span, SpanStatus, Trace } from "../model";
import { detectSkew, type SkewFinding } from "./clock-skew";
import { criticalPathOf, type CriticalSection } from "./critical-path";
import { selfTimes } from "./self-time";
import { buildServiceGraph } from "./service-graph";
import { spanMatchesService } from "./service-filter";
import { positionSpans } from "./span-positions";
import { spanTreeOf, type TreeRow } from "./span-tree";
import { isColdStart, traceStats, type TraceStats } from "./trace-stats";
import { spanSearchPredicate, type VisibleRow } from "./visible-rows";

export interface TraceOutline {
  trace: Trace;
  /** Depth-first, children by start time (span-tree.ts). */
  rows: TreeRow[];
  /** Spans without a parent in the trace (span-positions.ts). */
  roots: Span[];
  /** Row index one past the row's last descendant. */
  subtreeEnd: Int32Array;
  /** The row index of the row's parent, -1 for a root. */
  parentRow: Int32Array;
  /** Failing spans (not "ok") among the row's descendants. */
  descendantFailures: Int32Array;
  /** The latest end among the row and its descendants, epoch ms. */
  subtreeEndTime: Float64Array;
  /** The row of the span with this ID; undefined when the trace has none. */
  rowOf(spanId: string): number | undefined;
  /** Per row: 1 when its span is on the critical path. */
  onCriticalPath: Uint8Array;
  /** Per row: the span's own critical sections (undefined: none). */
  critical: (CriticalSection[] | undefined)[];
  /** Per span of `trace.spans`, in its order: the parent's position there, -1 for a root (span-positions.ts). */
  parentPosition: Int32Array;
}

export function buildTraceOutline(trace: Trace): TraceOutline {
  // One positioning for both: the critical path first (the tree sorts the child lists in place).
  const positioned = positionSpans(trace.spans);
  const path = criticalPathOf(positioned);
  const tree = spanTreeOf(positioned);
  const { rows } = tree;
  const n = rows.length;
  const subtreeEnd = new Int32Array(n);
  const parentRow = new Int32Array(n);
  const open: number[] = [];
  for (let i = 0; i < n; i++) {
    const depth = rows[i].depth;
    while (open.length > 0 && rows[open[open.length - 1]].depth >= depth) subtreeEnd[open.pop()!] = i;
    parentRow[i] = depth > 0 && open.length > 0 ? open[open.length - 1] : -1;
    open.push(i);
  }
  for (const i of open) subtreeEnd[i] = n;

  const descendantFailures = new Int32Array(n);
  const subtreeEndTime = new Float64Array(n);
  for (let i = 0; i < n; i++) subtreeEndTime[i] = rows[i].span.endTime;
  for (let i = n - 1; i >= 0; i--) {
    const p = parentRow[i];
    if (p < 0) continue;
    descendantFailures[p] += descendantFailures[i] + (rows[i].span.status === "ok" ? 0 : 1);
    if (subtreeEndTime[i] > subtreeEndTime[p]) subtreeEndTime[p] = subtreeEndTime[i];
  }

  // Span positions to rows, and the critical path by row: no map keyed by span ID beyond the one
  // the positioning made.
  const rowOfPosition = new Int32Array(trace.spans.length).fill(-1);
  for (let i = 0; i < n; i++) rowOfPosition[tree.positions[i]] = i;
  const onCriticalPath = new Uint8Array(n);
  for (let p = 0; p < path.onPath.length; p++) if (path.onPath[p] === 1) onCriticalPath[rowOfPosition[p]] = 1;
  const critical = new Array<CriticalSection[] | undefined>(n);
  for (let k = 0; k < path.sections.length; k++) {
    const row = rowOfPosition[path.sectionPositions[k]];
    (critical[row] ??= []).push(path.sections[k]);
  }
  const rowOf = (spanId: string) => {
    const p = positioned.positionOf.get(spanId);
    return p === undefined ? undefined : rowOfPosition[p];
  };
  const roots = positioned.roots.map((p) => trace.spans[p]);
  return { trace, rows, roots, subtreeEnd, parentRow, descendantFailures, subtreeEndTime, rowOf, onCriticalPath, critical, parentPosition: positioned.parent };
}

/** Folded spans a view may name: 500 IDs are 8.5 kB of query string, well inside a URL's limits. */
export const MAX_COLLAPSED = 500;

/** What the user narrowed the tree to. */
export interface OutlineView {
  query: string;
  service: string | null;
  /** Span IDs whose subtrees are folded. */
  collapsed: ReadonlySet<string>;
  /**
   * When the outline's spans were read without their attributes (a lean read): the IDs of the
   * spans whose attributes match `query`, which the search then counts as matches.
   */
  attributeMatches?: ReadonlySet<string>;
}

/** The whole tree, unfolded: the view a stored outline answers without the trace in memory. */
export const PLAIN_VIEW: OutlineView = { query: "", service: null, collapsed: new Set() };

/**
 * A view as the windowed API's query string (q, service, collapsed; lib/http/outline-params.ts
 * reads it back), folded IDs sorted so that equal views share their cache entries.
 */
export function viewQueryString(view: { query: string; service: string | null; collapsed: Iterable<string> }): string {
  const q = new URLSearchParams();
  if (view.query.trim()) q.set("q", view.query.trim());
  if (view.service) q.set("service", view.service);
  const collapsed = [...view.collapsed].sort();
  if (collapsed.length) q.set("collapsed", collapsed.join(","));
  return q.toString();
}

export interface ViewRows {
  /** Row indices of the visible rows, in order. */
  order: Int32Array;
  /** Per row index: 1 when the row matches the search and service filter; null when neither is set. */
  matches: Uint8Array | null;
  matchCount: number;
}

function viewPredicate(view: OutlineView): ((span: Span) => boolean) | null {
  const search = spanSearchPredicate(view.query);
  const service = view.service;
  if (!search && !service) return null;
  const extra = view.attributeMatches;
  const searchAll = search && extra ? (s: Span) => search(s) || extra.has(s.spanId) : search;
  return (s) => (!service || spanMatchesService(s, service)) && (!searchAll || searchAll(s));
}

/** The visible rows of a view: as visible-rows.ts, with collapsed subtrees skipped whole. */
export function viewRows(outline: TraceOutline, view: OutlineView): ViewRows {
  const { rows, subtreeEnd, parentRow } = outline;
  const n = rows.length;
  const predicate = viewPredicate(view);
  let matches: Uint8Array | null = null;
  let keep: Uint8Array | null = null;
  let matchCount = 0;
  if (predicate) {
    matches = new Uint8Array(n);
    keep = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      if (!predicate(rows[i].span)) continue;
      matches[i] = 1;
      matchCount++;
      for (let a = i; a >= 0 && !keep[a]; a = parentRow[a]) keep[a] = 1;
    }
  }
  const order = new Int32Array(predicate ? matchCount + countAncestorsOnly(keep!, matches!) : n);
  let size = 0;
  for (let i = 0; i < n;) {
    if (keep && !keep[i]) {
      i++;
      continue;
    }
    order[size++] = i;
    i = rows[i].childCount > 0 && view.collapsed.has(rows[i].span.spanId) ? subtreeEnd[i] : i + 1;
  }
  return { order: size === order.length ? order : order.slice(0, size), matches, matchCount };
}

function countAncestorsOnly(keep: Uint8Array, matches: Uint8Array): number {
  let c = 0;
  for (let i = 0; i < keep.length; i++) if (keep[i] && !matches[i]) c++;
  return c;
}

/** A Gantt row of a window, with what the browser cannot work out without the rest of the trace. */
export interface WindowRow extends VisibleRow {
  /** Position in the view's rows. */
  index: number;
  /** Spans below this one, however deep. */
  descendants: number;
  descendantFailures: number;
  /** The latest end among the span and its descendants, epoch ms. */
  subtreeEndTime: number;
  /** Parts of the bar on the critical path; empty when it is not on it. */
  critical: CriticalSection[];
  onCriticalPath: boolean;
  coldStart: boolean;
  skew: SkewFinding | null;
}

/** GET /api/traces/{id}/rows: a window of the view's rows, and the view's size. */
export interface RowsPage {
  total: number;
  matchCount: number;
  offset: number;
  rows: WindowRow[];
}

/** Rows per request of the page: a screen is 30–40 rows, so one page covers a screen and its overscan. */
export const ROWS_PAGE = 200;

export function windowOf(outline: TraceOutline, view: OutlineView, rowsOfView: ViewRows, offset: number, limit: number): WindowRow[] {
  const out: WindowRow[] = [];
  const end = Math.min(rowsOfView.order.length, offset + limit);
  for (let index = offset; index < end; index++) {
    const i = rowsOfView.order[index];
    const row = outline.rows[i];
    const id = row.span.spanId;
    out.push({
      ...row,
      index,
      matches: rowsOfView.matches ? rowsOfView.matches[i] === 1 : true,
      collapsed: row.childCount > 0 && view.collapsed.has(id),
      descendants: outline.subtreeEnd[i] - i - 1,
      descendantFailures: outline.descendantFailures[i],
      subtreeEndTime: outline.subtreeEndTime[i],
      critical: outline.critical[i] ?? [],
      onCriticalPath: outline.onCriticalPath[i] === 1,
      coldStart: isColdStart(row.span),
      skew: skewOf(outline, i),
    });
  }
  return out;
}

function skewOf(outline: TraceOutline, i: number): SkewFinding | null {
  const p = outline.parentRow[i];
  return p >= 0 ? (detectSkew([outline.rows[p].span, outline.rows[i].span]).get(outline.rows[i].span.spanId) ?? null) : null;
}

/** The span's place in a view: its ancestors are unfolded when folded (`unfolded` says which). */
export interface SpanLocation {
  span: Span;
  /** Its position in the view once `unfolded` are no longer collapsed; -1 when a filter hides it. */
  index: number;
  unfolded: string[];
  selfTimeMs: number;
  orphan: boolean;
  coldStart: boolean;
  skew: SkewFinding | null;
}

export function locateSpan(outline: TraceOutline, view: OutlineView, spanId: string): SpanLocation | null {
  const i = outline.rowOf(spanId);
  if (i === undefined) return null;
  const unfolded: string[] = [];
  for (let a = outline.parentRow[i]; a >= 0; a = outline.parentRow[a]) {
    const id = outline.rows[a].span.spanId;
    if (view.collapsed.has(id)) unfolded.push(id);
  }
  const collapsed = unfolded.length ? new Set([...view.collapsed].filter((id) => !unfolded.includes(id))) : view.collapsed;
  const order = viewRows(outline, { ...view, collapsed }).order;
  const { span, orphan } = outline.rows[i];
  return { span, index: indexOfRow(order, i), unfolded, selfTimeMs: selfTimeOf(outline, i), orphan, coldStart: isColdStart(span), skew: skewOf(outline, i) };
}

/** order is increasing (depth-first row order), so a binary search finds the row. */
function indexOfRow(order: Int32Array, row: number): number {
  let lo = 0;
  let hi = order.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    if (order[mid] === row) return mid;
    if (order[mid] < row) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

function selfTimeOf(outline: TraceOutline, i: number): number {
  const depth = outline.rows[i].depth;
  const family = [outline.rows[i].span];
  for (let j = i + 1; j < outline.subtreeEnd[i]; j++) if (outline.rows[j].depth === depth + 1) family.push(outline.rows[j].span);
  return selfTimes(family).get(outline.rows[i].span.spanId) ?? 0;
}

export type FindKind = "failure" | "match";

/**
 * The next (or previous) failing span, or span matching the view's search, in depth-first order
 * after (before) `fromRow`, anywhere in the trace — inside folded subtrees too; wraps around.
 */
export function findSpan(outline: TraceOutline, view: OutlineView, fromSpanId: string | null, direction: 1 | -1, kind: FindKind): string | null {
  const predicate = kind === "failure" ? isFailing : viewPredicate(view);
  if (!predicate) return null;
  return findSpanInRows(outline.rows, fromSpanId !== null ? (outline.rowOf(fromSpanId) ?? -1) : -1, direction, predicate);
}

export const isFailing = (s: Span) => s.status !== ("ok" satisfies SpanStatus);

/** The first span after (before) row `from` that `predicate` keeps, wrapping around; from -1: the first (last). */
export function findSpanInRows(rows: readonly TreeRow[], from: number, direction: 1 | -1, predicate: (span: Span) => boolean): string | null {
  const n = rows.length;
  const start = from < 0 ? (direction === 1 ? 0 : n - 1) : from + direction;
  for (let step = 0; step < n; step++) {
    const i = (((start + direction * step) % n) + n) % n;
    if (predicate(rows[i].span)) return rows[i].span.spanId;
  }
  return null;
}

/**
 * The whole trace in miniature for the Gantt's minimap: `bands` horizontal bands of rows (depth-
 * first order) by `cols` columns of time; a cell holds what the worst span in it was: 0 empty,
 * k > 0 the (k-1)th service of `trace.services` (all ok), -1 fault, -2 throttle, -3 error.
 */
export interface MinimapCells {
  cols: number;
  bands: number;
  cells: number[];
}

const FAILURE_CELL: Record<Exclude<SpanStatus, "ok">, number> = { fault: -1, throttle: -2, error: -3 };
const CELL_RANK = (v: number) => (v === 0 ? 0 : v > 0 ? 1 : v === -3 ? 2 : v === -2 ? 3 : 4);

export function minimapCells(outline: TraceOutline, cols = 240, bands = 36): MinimapCells {
  const { trace, rows } = outline;
  const cells = new Array<number>(cols * bands).fill(0);
  const total = Math.max(trace.durationMs, 0.001);
  const serviceIndex = new Map(trace.services.map((s, k) => [s, k + 1]));
  const n = rows.length;
  for (let i = 0; i < n; i++) {
    const s = rows[i].span;
    const band = Math.min(bands - 1, Math.floor((i * bands) / n));
    const c0 = Math.max(0, Math.min(cols - 1, Math.floor(((s.startTime - trace.startTime) / total) * cols)));
    const c1 = Math.max(c0, Math.min(cols - 1, Math.floor(((s.endTime - trace.startTime) / total) * cols)));
    const value = s.status === "ok" ? (serviceIndex.get(s.service) ?? 0) : FAILURE_CELL[s.status];
    for (let c = c0; c <= c1; c++) {
      const k = band * cols + c;
      if (CELL_RANK(value) > CELL_RANK(cells[k])) cells[k] = value;
    }
  }
  return { cols, bands, cells };
}

/** What the windowed trace page shows around the rows: header facts, the map, the minimap. */
export interface OutlineSummary {
  /** The trace's own fields; `spans` is empty (the rows come in windows). */
  trace: Trace;
  stats: OutlineStats;
  graph: ServiceGraph;
  minimap: MinimapCells;
  /**
   * Present when the outline was laid out before the trace's latest spans arrived (a trace still
   * growing): the trace's span count now. The rows, map and counts cover `stats.spanCount` spans.
   */
  partial?: { traceSpanCount: number };
}

/** TraceStats in JSON: the per-service counts as pairs, at most COLD_STARTS_LISTED cold starts. */
export interface OutlineStats extends Omit<TraceStats, "spansPerService"> {
  spansPerService: [string, number][];
  coldStartCount: number;
}

const COLD_STARTS_LISTED = 100;

export function outlineSummary(outline: TraceOutline): OutlineSummary {
  const { trace } = outline;
  const stats = traceStats(trace, outline.rows, outline.roots);
  return {
    trace: { ...trace, spans: [] },
    stats: {
      ...stats,
      spansPerService: [...stats.spansPerService],
      coldStarts: stats.coldStarts.slice(0, COLD_STARTS_LISTED),
      coldStartCount: stats.coldStarts.length,
    },
    graph: buildServiceGraph(
      trace.spans,
      Array.from(outline.parentPosition, (p) => (p >= 0 ? trace.spans[p] : undefined)),
    ),
    minimap: minimapCells(outline),
  };
}

/**
 * One row of an outline as a store keeps it, so that the unfiltered view of a large trace can be
 * answered a window at a time without reading the trace (lib/sources/local/store/outline-store.ts).
 */
export interface OutlineRowRecord {
  spanId: string;
  depth: number;
  childCount: number;
  orphan: boolean;
  /** Row index one past the row's last descendant. */
  subtreeEnd: number;
  /** -1 for a root. */
  parentRow: number;
  descendantFailures: number;
  subtreeEndTime: number;
  critical: CriticalSection[];
  onCriticalPath: boolean;
}

export function outlineRowRecord(outline: TraceOutline, i: number): OutlineRowRecord {
  const { span, depth, childCount, orphan } = outline.rows[i];
  return {
    spanId: span.spanId,
    depth,
    childCount,
    orphan,
    subtreeEnd: outline.subtreeEnd[i],
    parentRow: outline.parentRow[i],
    descendantFailures: outline.descendantFailures[i],
    subtreeEndTime: outline.subtreeEndTime[i],
    critical: outline.critical[i] ?? [],
    onCriticalPath: outline.onCriticalPath[i] === 1,
  };
}

/**
 * The rows `offset`… of the unfiltered, unfolded view from stored records (row index = view index),
 * as windowOf answers them: `spans` holds each row's span whole and its parent's (for clock skew).
 */
export function windowFromRecords(offset: number, records: readonly OutlineRowRecord[], spans: ReadonlyMap<string, Span>): WindowRow[] {
  const out: WindowRow[] = [];
  for (let k = 0; k < records.length; k++) {
    const r = records[k];
    const span = spans.get(r.spanId);
    if (!span) continue;
    const parent = r.parentRow >= 0 && span.parentSpanId !== null ? spans.get(span.parentSpanId) : undefined;
    const index = offset + k;
    out.push({
      span,
      depth: r.depth,
      orphan: r.orphan,
      childCount: r.childCount,
      matches: true,
      collapsed: false,
      index,
      descendants: r.subtreeEnd - index - 1,
      descendantFailures: r.descendantFailures,
      subtreeEndTime: r.subtreeEndTime,
      critical: r.critical,
      onCriticalPath: r.onCriticalPath,
      coldStart: isColdStart(span),
      skew: parent ? (detectSkew([parent, span]).get(span.spanId) ?? null) : null,
    });
  }
  return out;
}
