/**
 * The service graph rollup: what buildServiceGraph (lib/analysis/service-graph.ts) would count for
 * the stored spans, kept per minute, 10 minutes and hour of span start, so the graph of a 24 h
 * window reads about 40 cells per node or edge instead of a million spans.
 *
 * A cell is (bucket, key): graph_keys names the key's source and target, a node when target is ''
 * (source is the node), an edge otherwise. It holds the spans the node emitted (so a service with no request in the window still
 * has its node), the requests or calls by status, their summed duration and a duration histogram
 * (duration-histogram.ts: p99 within ±1 %).
 *
 * What a span adds depends on two facts that may change after it is stored: whether its parent is
 * stored (and which span that is), and whether a child of another service is stored ("answered":
 * an outgoing call answered by an instrumented service is that service's request, not an inferred
 * node's). `contribute` is buildServiceGraph's rule for one span given those facts. The writer
 * keeps, for every stored span, exactly contribute(span, its stored parent, its answered flag) in
 * the cells: when a fact changes it takes the old contribution out and puts the new one in. Counts
 * and histograms only add, so the cells equal buildServiceGraph over all stored spans, bucketed by
 * each span's start. Relations never cross traces, so retention takes a deleted trace's
 * contribution out by recomputing it from the trace's spans.
 */
import type Database from "better-sqlite3";
import { CLIENT_NODE } from "../../../analysis/service-graph";
import { serviceTypeFromOrigin } from "../../../analysis/service-type";
import type { ServiceEdge, ServiceGraph, ServiceNode, ServiceStats, ServiceType, SpanKind, SpanStatus, TimeWindow } from "../../../model";
import { addEncodedDense, bucketOf, type Counts, type Dense, densePercentileMs, emptyDense, encodeCounts, mergeEncoded } from "./duration-histogram";

const MINUTE_US = 60_000_000;

/** The columns of a span the graph needs (spans table, or a prepared row). */
export interface GraphSpan {
  traceId: string;
  spanId: string;
  parentSpanId: string | null;
  service: string;
  kind: SpanKind;
  startUs: number;
  endUs: number;
  status: SpanStatus;
  origin: string | null;
  callee: string | null;
  calleeType: ServiceType | null;
}

export const GRAPH_SPAN_COLUMNS = "trace_id, span_id, parent_span_id, service, kind, start_us, end_us, status, origin, callee, callee_type, answered";

export interface GraphSpanRow {
  trace_id: string;
  span_id: string;
  parent_span_id: string | null;
  service: string;
  kind: SpanKind;
  start_us: number;
  end_us: number;
  status: SpanStatus;
  origin: string | null;
  callee: string | null;
  callee_type: ServiceType | null;
  answered: number;
}

export const graphSpanFromRow = (r: GraphSpanRow): GraphSpan => ({
  traceId: r.trace_id,
  spanId: r.span_id,
  parentSpanId: r.parent_span_id,
  service: r.service,
  kind: r.kind,
  startUs: r.start_us,
  endUs: r.end_us,
  status: r.status,
  origin: r.origin,
  callee: r.callee,
  calleeType: r.callee_type,
});

const isMessaging = (type: ServiceType | null) => type === "queue" || type === "topic";

interface Cell {
  spans: number;
  ok: number;
  error: number;
  fault: number;
  throttle: number;
  sumUs: number;
  hist: Counts;
  /** The histogram encoded, once per flush (a cell may stand for several levels). */
  blob?: Buffer;
}

const emptyCell = (): Cell => ({ spans: 0, ok: 0, error: 0, fault: 0, throttle: 0, sumUs: 0, hist: new Map() });

/**
 * The resolutions the cells are kept at, finest first: a window reads whole hours inside it, whole
 * 10-minute blocks inside what is left, and minutes at its ends (at most 9 + 9 minutes, 5 + 5
 * blocks and the hours between), so a 24 h window reads about 40 cells per node or edge.
 */
const LEVELS = [
  { table: "graph_minute", minutes: 1 },
  { table: "graph_10min", minutes: 10 },
  { table: "graph_hour", minutes: 60 },
] as const;

/** A node (target '') or an edge, with its cells at every level (as LEVELS) by bucket. */
export interface PairCells {
  source: string;
  target: string;
  levels: Map<number, Cell>[];
}

interface Pair {
  source: string;
  target: string;
  /** Minute cells by minute; the coarser levels are their sums (cells()). */
  minutes: Map<number, Cell>;
}

function addCell(sum: Cell, c: Cell): void {
  sum.spans += c.spans;
  sum.ok += c.ok;
  sum.error += c.error;
  sum.fault += c.fault;
  sum.throttle += c.throttle;
  sum.sumUs += c.sumUs;
  for (const [b, n] of c.hist) sum.hist.set(b, (sum.hist.get(b) ?? 0) + n);
}

/**
 * Changes to the cells (every level) and node types, applied in one go by flush(). Cells are found
 * by node or edge (nested maps of the names the spans already hold) then by minute number: no key
 * string is built per span (they were a third of the rollup's cost at ingest).
 */
export class RollupDelta {
  private readonly pairIds = new Map<string, Map<string, number>>();
  private readonly pairs: Pair[] = [];
  /** By node: the type from its own spans' origin, and the type callers' spans give it. */
  readonly types = new Map<string, { own: ServiceType | null; called: ServiceType | null }>();

  private cell(startUs: number, source: string, target: string): Cell {
    let byTarget = this.pairIds.get(source);
    if (!byTarget) this.pairIds.set(source, (byTarget = new Map()));
    let id = byTarget.get(target);
    if (id === undefined) {
      id = this.pairs.length;
      byTarget.set(target, id);
      this.pairs.push({ source, target, minutes: new Map() });
    }
    const minutes = this.pairs[id].minutes;
    const minute = Math.floor(startUs / MINUTE_US);
    let cell = minutes.get(minute);
    if (!cell) minutes.set(minute, (cell = emptyCell()));
    return cell;
  }

  /** A node's span (presence), at the span's start. */
  span(startUs: number, service: string, sign: number): void {
    this.cell(startUs, service, "").spans += sign;
  }

  /** A request of a node (target '') or a call along an edge, bucketed at `startUs`. */
  request(startUs: number, source: string, target: string, durationUs: number, status: SpanStatus, sign: number): void {
    const bucket = bucketOf(durationUs);
    const cell = this.cell(startUs, source, target);
    cell[status] += sign;
    cell.sumUs += sign * durationUs;
    cell.hist.set(bucket, (cell.hist.get(bucket) ?? 0) + sign);
  }

  /** Every node and edge touched, with its cells at each level: each coarser cell the sum of its minutes. */
  cells(): PairCells[] {
    return this.pairs.map(({ source, target, minutes }) => {
      const levels = LEVELS.map((level, i) => {
        if (i === 0) return minutes;
        const sums = new Map<number, Cell>();
        // The usual case at ingest: the batch's spans of this node or edge fall in one minute.
        if (minutes.size === 1) {
          for (const [minute, c] of minutes) sums.set(Math.floor(minute / level.minutes), c);
          return sums;
        }
        for (const [minute, c] of minutes) {
          const bucket = Math.floor(minute / level.minutes);
          let sum = sums.get(bucket);
          if (!sum) sums.set(bucket, (sum = emptyCell()));
          addCell(sum, c);
        }
        return sums;
      });
      return { source, target, levels };
    });
  }

  /** The rule of buildServiceGraph's setType, for each side: a specific type replaces "service", never the reverse. */
  type(node: string, type: ServiceType, side: "own" | "called"): void {
    let known = this.types.get(node);
    if (!known) this.types.set(node, (known = { own: null, called: null }));
    if (known[side] === null || known[side] === "service") known[side] = type;
  }
}

/**
 * Adds (sign 1) or takes out (sign −1) one span's contribution to the graph, given its parent (the
 * stored span, or undefined when it has none or it is not stored) and whether a child of another
 * service is stored. The same steps as buildServiceGraph and nodeRequests, span by span.
 */
export function contribute(delta: RollupDelta, s: GraphSpan, parent: GraphSpan | undefined, answered: boolean, sign: number): void {
  const at = s.startUs;
  const durationUs = s.endUs - s.startUs;
  if (sign > 0) delta.type(s.service, serviceTypeFromOrigin(s.origin), "own");
  delta.span(at, s.service, sign);
  const served: string[] = [];
  if (!parent || parent.service !== s.service) served.push(s.service);
  if (s.callee !== null && (!answered || isMessaging(s.calleeType))) served.push(s.callee);
  for (const node of served) {
    delta.request(at, node, "", durationUs, s.status, sign);
    if (node !== s.service) {
      if (sign > 0) delta.type(node, s.calleeType ?? "service", "called");
      delta.request(at, s.service, node, durationUs, s.status, sign);
      continue;
    }
    if (!parent && s.parentSpanId === null) {
      if (sign > 0) delta.type(CLIENT_NODE, "client", "called");
      delta.request(at, CLIENT_NODE, s.service, durationUs, s.status, sign);
    } else if (parent) {
      if (parent.callee !== null && isMessaging(parent.calleeType)) {
        delta.request(at, parent.callee, s.service, durationUs, s.status, sign);
      } else if (parent.kind === "client") {
        delta.request(at, parent.service, s.service, parent.endUs - parent.startUs, parent.status, sign);
      } else {
        delta.request(at, parent.service, s.service, durationUs, s.status, sign);
      }
    }
  }
}

/** Every span of some whole traces, contributed with the relations among them (backfill, retention). */
export function contributeTraces(delta: RollupDelta, spans: readonly GraphSpan[], sign: number): { answered: Set<GraphSpan>; orphans: GraphSpan[] } {
  const byId = new Map<string, GraphSpan>();
  for (const s of spans) byId.set(`${s.traceId}/${s.spanId}`, s);
  const parentOf = (s: GraphSpan) => (s.parentSpanId === null ? undefined : byId.get(`${s.traceId}/${s.parentSpanId}`));
  const answered = new Set<GraphSpan>();
  const orphans: GraphSpan[] = [];
  for (const s of spans) {
    const p = parentOf(s);
    if (p && p.service !== s.service) answered.add(p);
    if (!p && s.parentSpanId !== null) orphans.push(s);
  }
  for (const s of spans) contribute(delta, s, parentOf(s), answered.has(s), sign);
  return { answered, orphans };
}

const HIST_MERGE_FUNCTION = "sightline_hist_merge";
const HIST_P99_FUNCTION = "sightline_hist_p99";

/** Writes deltas into the cells; the connection gets the histogram merge function. */
export function createRollupFlusher(db: Database.Database): (delta: RollupDelta) => void {
  db.function(HIST_MERGE_FUNCTION, { deterministic: true }, (a: unknown, b: unknown) => mergeEncoded(a as Uint8Array | null, b as Uint8Array | null));
  const upserts = LEVELS.map(({ table }) =>
    db.prepare<[number, number, number, number, number, number, number, number, Buffer]>(`
      INSERT INTO ${table} (bucket, key, spans, ok, error, fault, throttle, sum_us, hist)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT (bucket, key) DO UPDATE SET
        spans = spans + excluded.spans, ok = ok + excluded.ok, error = error + excluded.error,
        fault = fault + excluded.fault, throttle = throttle + excluded.throttle, sum_us = sum_us + excluded.sum_us,
        hist = ${HIST_MERGE_FUNCTION}(hist, excluded.hist)`),
  );
  // A retraction may empty a cell (retention): it goes, so old buckets do not linger as zeros.
  const dropIfEmpty = LEVELS.map(({ table }) =>
    db.prepare<[number, number]>(`DELETE FROM ${table} WHERE bucket = ? AND key = ? AND spans = 0 AND ok = 0 AND error = 0 AND fault = 0 AND throttle = 0`),
  );
  const keyId = db.prepare<[string, string], { id: number }>("SELECT id FROM graph_keys WHERE source = ? AND target = ?");
  const newKey = db.prepare<[string, string], { id: number }>("INSERT INTO graph_keys (source, target) VALUES (?, ?) RETURNING id");
  const upsertType = db.prepare<[string, string | null, string | null]>(`
    INSERT INTO graph_nodes (name, own_type, called_type) VALUES (?, ?, ?)
    ON CONFLICT (name) DO UPDATE SET
      own_type = CASE WHEN own_type IS NULL OR own_type = 'service' THEN coalesce(excluded.own_type, own_type) ELSE own_type END,
      called_type = CASE WHEN called_type IS NULL OR called_type = 'service' THEN coalesce(excluded.called_type, called_type) ELSE called_type END`);
  return (delta) => {
    // Looked up afresh in every flush: an ID cached across transactions could have been rolled back.
    for (const { source, target, levels } of delta.cells()) {
      let id: number | undefined;
      levels.forEach((cells, level) => {
        for (const [bucket, c] of cells) {
          if (c.spans === 0 && c.ok === 0 && c.error === 0 && c.fault === 0 && c.throttle === 0 && c.hist.size === 0) continue;
          id ??= (keyId.get(source, target) ?? newKey.get(source, target))?.id;
          if (id === undefined) throw new Error(`graph key ${source} → ${target} was not stored`);
          c.blob ??= encodeCounts(c.hist);
          upserts[level].run(bucket, id, c.spans, c.ok, c.error, c.fault, c.throttle, c.sumUs, c.blob);
          if (c.spans < 0 || c.ok < 0 || c.error < 0 || c.fault < 0 || c.throttle < 0) dropIfEmpty[level].run(bucket, id);
        }
      });
    }
    for (const [name, t] of delta.types) upsertType.run(name, t.own, t.called);
  };
}

type CellRow = [key: number, spans: number, ok: number, error: number, fault: number, throttle: number, sumUs: number, p99Ms: number];

/** The bucket ranges [lo, hi) of each level that cover a window widened to whole minutes. */
export function windowBuckets(window: TimeWindow): { level: number; lo: number; hi: number }[] {
  const ranges: { level: number; lo: number; hi: number }[] = [];
  const cover = (m0: number, m1: number, level: number) => {
    if (m0 >= m1) return;
    const size = LEVELS[level].minutes;
    const lo = Math.ceil(m0 / size);
    const hi = Math.floor(m1 / size);
    if (level === 0 || lo >= hi) {
      if (level === 0) ranges.push({ level, lo: m0, hi: m1 });
      else cover(m0, m1, level - 1);
      return;
    }
    cover(m0, lo * size, level - 1);
    ranges.push({ level, lo, hi });
    cover(hi * size, m1, level - 1);
  };
  cover(Math.floor(window.from / 60_000), Math.ceil(window.to / 60_000), LEVELS.length - 1);
  return ranges;
}

/**
 * The sums per node or edge over some bucket ranges ([?, ?) of each level named), with p99: the
 * aggregation runs in SQLite, so only one row per node or edge reaches JavaScript.
 */
export function cellsSql(levels: readonly number[]): string {
  const parts = levels.map(
    (level) => `SELECT key, spans, ok, error, fault, throttle, sum_us, hist FROM ${LEVELS[level].table} WHERE bucket >= ? AND bucket < ?`,
  );
  return `SELECT key, sum(spans), sum(ok), sum(error), sum(fault), sum(throttle), sum(sum_us), ${HIST_P99_FUNCTION}(hist)
    FROM (${parts.join(" UNION ALL ")}) GROUP BY key`;
}

/** Reads the graph of a window from the cells: spans whose start falls in the window's minutes. */
export function createGraphReader(db: Database.Database): (window: TimeWindow) => ServiceGraph {
  db.aggregate(HIST_P99_FUNCTION, {
    start: emptyDense,
    step: (dense: Dense, hist: unknown) => {
      addEncodedDense(dense, hist as Uint8Array | null);
    },
    result: (dense: Dense) => densePercentileMs(dense, 99),
  });
  const statements = new Map<string, Database.Statement<number[], CellRow>>();
  const keys = db.prepare<[], { id: number; source: string; target: string }>("SELECT id, source, target FROM graph_keys");
  // A node's own spans decide its type, as in buildServiceGraph; the callers' spans only when they say
  // nothing specific (a call seen before the callee's spans arrived must not stick).
  const types = db.prepare<[], { name: string; type: ServiceType }>(`
    SELECT name, CASE WHEN own_type IS NOT NULL AND own_type <> 'service' THEN own_type ELSE coalesce(called_type, own_type) END AS type
    FROM graph_nodes`);

  return (window) => {
    const ranges = windowBuckets(window);
    const sql = cellsSql(ranges.map((r) => r.level));
    let statement = statements.get(sql);
    if (!statement) statements.set(sql, (statement = db.prepare<number[], CellRow>(sql).raw()));
    const rows = statement.all(...ranges.flatMap((r) => [r.lo, r.hi]));

    const keyOf = new Map(keys.all().map((k) => [k.id, k]));
    const typeOf = new Map(types.all().map((r) => [r.name, r.type]));
    const stats = ([, , ok, error, fault, throttle, sumUs, p99Ms]: CellRow): ServiceStats => {
      const requests = ok + error + fault + throttle;
      return { requests, errors: error, faults: fault, throttles: throttle, avgMs: requests ? sumUs / requests / 1000 : 0, p99Ms: requests ? p99Ms : 0 };
    };
    const nodes = new Map<string, ServiceNode>();
    const edges: ServiceEdge[] = [];
    const node = (name: string, s: ServiceStats) => nodes.set(name, { id: name, name, type: typeOf.get(name) ?? "service", stats: s });
    for (const row of rows) {
      const key = keyOf.get(row[0]);
      if (!key) continue;
      const s = stats(row);
      if (key.target === "") {
        if (row[1] > 0 || s.requests > 0) node(key.source, s);
      } else if (s.requests > 0) {
        edges.push({ source: key.source, target: key.target, stats: s });
      }
    }
    // buildServiceGraph adds the client node (with no requests of its own) when a root enters.
    if (!nodes.has(CLIENT_NODE) && edges.some((e) => e.source === CLIENT_NODE)) {
      node(CLIENT_NODE, { requests: 0, errors: 0, faults: 0, throttles: 0, avgMs: 0, p99Ms: 0 });
    }
    return {
      nodes: [...nodes.values()].sort((a, b) => a.name.localeCompare(b.name)),
      edges: edges.sort((a, b) => a.source.localeCompare(b.source) || a.target.localeCompare(b.target)),
    };
  };
}
