/**
 * The store's read queries, answering in model types.
 */
import { statSync } from "node:fs";
import type Database from "better-sqlite3";
import { type Attributes, type LogEvent, type ServiceGraph, type Span, statusRank, type TimeWindow, type TraceSummary } from "../../../model";
import { logPattern } from "../../../analysis/log-pattern";
import type { TraceQuery } from "../../source";
import { createGraphReader } from "./graph-rollup";
import {
  LOG_COLUMNS,
  OUTLINE_SPAN_COLUMNS,
  type OutlineSpanRow,
  outlineSpanFromRow,
  type LogRow,
  logFromRow,
  SPAN_COLUMNS,
  type SpanRow,
  spanFromRow,
  SUMMARY_COLUMNS,
  type SummaryRow,
  summaryFromRow,
} from "./rows";

interface SpansInWindow {
  /** Newest first. */
  spans: Span[];
  /** More spans started in the window than the cap allowed; the oldest were left out. */
  capped: boolean;
}

interface StoreStats {
  traces: number;
  spans: number;
  logs: number;
  /** page_count * page_size: the database file without its WAL. */
  dbBytes: number;
  walBytes: number;
}

export interface Reader {
  getTraceSpans(traceIdHex: string): Span[];
  /**
   * The trace's spans as a large trace's outline needs them (rows.ts, OUTLINE_SPAN_COLUMNS): most
   * spans without attributes, none with events or links. By start time, as getTraceSpans.
   */
  getTraceOutlineSpans(traceIdHex: string): Span[];
  /** These spans of the trace, whole (through spans_by_trace), in no particular order; unknown IDs are left out. */
  getSpansById(traceIdHex: string, spanIds: readonly string[]): Span[];
  /**
   * The IDs of the trace's spans with a string attribute whose value contains `text` (compared in
   * lower case, as lib/analysis/visible-rows.ts spanSearchPredicate does).
   */
  spanIdsWithAttributeText(traceIdHex: string, text: string): Set<string>;
  findTraces(query: TraceQuery): TraceSummary[];
  /** The trace's summary as the trace list shows it (root, status, duration, span count), from its one row: no span is read. */
  traceSummary(traceIdHex: string): TraceSummary | null;
  getTraceLogs(traceIdHex: string): LogEvent[];
  spansInWindow(window: TimeWindow, cap: number): SpansInWindow;
  /**
   * The service graph of the spans that started in the window's minutes (the window widened to
   * whole minutes), from the rollup (graph-rollup.ts): buildServiceGraph's counts over every such
   * span, p99 within ±1 %.
   */
  serviceGraph(window: TimeWindow): ServiceGraph;
  /** ERROR and FATAL log lines of the window, newest first. */
  errorLogsInWindow(window: TimeWindow, limit: number): LogEvent[];
  stats(): StoreStats;
}

export interface TraceFilters {
  service: boolean;
  operation?: boolean;
  minDuration: boolean;
  maxDuration?: boolean;
  status: boolean;
  /** How many attr filters; each adds one EXISTS over the trace's spans. */
  attributes?: number;
  /** The pivots (source.ts PivotFilters): each adds one EXISTS over the trace's spans or logs. */
  spanName?: boolean;
  exceptionType?: boolean;
  logPattern?: boolean;
}

/**
 * An attribute value as the text a user types: strings as they are, numbers in their shortest
 * form, booleans as true/false. Objects, arrays and null never match.
 */
const ATTRIBUTE_TEXT = `CASE a.type WHEN 'true' THEN 'true' WHEN 'false' THEN 'false'
  WHEN 'text' THEN a.value WHEN 'integer' THEN CAST(a.value AS TEXT) WHEN 'real' THEN CAST(a.value AS TEXT) END`;

/**
 * Some span of the trace has attribute @attrKeyN or @attrAnnotationN (`annotation.` + key) =
 * @attrValueN, or was emitted by a process whose resource has @attrKeyN = @attrValueN
 * (service.version, host.name, cloud.availability_zone…).
 */
const attributeExists = (n: number) => ` AND EXISTS (SELECT 1 FROM spans sp WHERE sp.trace_id = t.trace_id AND (
      EXISTS (SELECT 1 FROM json_each(sp.attributes) a WHERE a.key IN (@attrKey${n}, @attrAnnotation${n}) AND ${ATTRIBUTE_TEXT} = @attrValue${n})
      OR EXISTS (SELECT 1 FROM resources r, json_each(r.attributes) a WHERE r.id = sp.resource_id AND a.key = @attrKey${n} AND ${ATTRIBUTE_TEXT} = @attrValue${n})))`;

/** The pivot filters, through spans_by_trace and logs_by_trace; LOG_PATTERN_FUNCTION is lib/analysis/log-pattern.ts. */
function pivotExists(filters: TraceFilters): string {
  let and = "";
  if (filters.spanName) and += " AND EXISTS (SELECT 1 FROM spans sp WHERE sp.trace_id = t.trace_id AND sp.name = @spanName)";
  if (filters.exceptionType) {
    and += ` AND EXISTS (SELECT 1 FROM spans sp, json_each(sp.events) e WHERE sp.trace_id = t.trace_id
      AND json_extract(e.value, '$.name') = 'exception' AND json_extract(e.value, '$.attributes."exception.type"') = @exceptionType)`;
  }
  if (filters.logPattern) {
    and += ` AND EXISTS (SELECT 1 FROM logs l WHERE l.trace_id = t.trace_id AND ${LOG_PATTERN_FUNCTION}(l.message) = @logPattern)`;
  }
  return and;
}

const LOG_PATTERN_FUNCTION = "sightline_log_pattern";

/**
 * Newest traces first. With a service, the walk starts from that service's index range, so a rare
 * service costs no more than a common one. Every other filter is checked on the rows of the window
 * (attributes by each trace's spans, through spans_by_trace): the window stays the index range.
 * The operation is a case-insensitive (ASCII) substring of the root span's name, by instr(): no
 * LIKE wildcards to escape.
 */
export function findTracesSql(filters: TraceFilters): string {
  let and = "";
  if (filters.minDuration) and += " AND t.end_us - t.start_us >= @minDurationUs";
  if (filters.maxDuration) and += " AND t.end_us - t.start_us <= @maxDurationUs";
  if (filters.status) and += " AND t.status_rank = @statusRank";
  if (filters.operation) and += " AND instr(lower(t.root_name), lower(@operation)) > 0";
  for (let n = 0; n < (filters.attributes ?? 0); n++) and += attributeExists(n);
  and += pivotExists(filters);
  if (filters.service) {
    // CROSS JOIN keeps trace_services as the outer loop.
    return `SELECT ${SUMMARY_COLUMNS} FROM trace_services s CROSS JOIN traces t ON t.trace_key = s.trace_key
      WHERE s.service = @service AND s.trace_start_us >= @fromUs AND s.trace_start_us < @toUs${and}
      ORDER BY s.trace_start_us DESC, s.trace_key DESC LIMIT @limit`;
  }
  return `SELECT ${SUMMARY_COLUMNS} FROM traces t
    WHERE t.start_us >= @fromUs AND t.start_us < @toUs${and}
    ORDER BY t.start_us DESC, t.trace_key DESC LIMIT @limit`;
}

export const TRACE_SPANS_SQL = `SELECT ${SPAN_COLUMNS} FROM spans WHERE trace_id = ? ORDER BY start_us, span_id`;
export const TRACE_OUTLINE_SPANS_SQL = `SELECT ${OUTLINE_SPAN_COLUMNS} FROM spans WHERE trace_id = ? ORDER BY start_us, span_id`;
/** At most SPANS_BY_ID_CHUNK IDs a statement (the page asks for 200 rows and their parents). */
const SPANS_BY_ID_CHUNK = 100;
export const SPANS_BY_ID_SQL = `SELECT ${SPAN_COLUMNS} FROM spans WHERE trace_id = ? AND span_id IN (SELECT value FROM json_each(?))`;
export const TRACE_SUMMARY_SQL = `SELECT ${SUMMARY_COLUMNS} FROM traces t WHERE t.trace_id = ?`;
export const ATTRIBUTE_TEXT_SQL = "SELECT span_id, attributes FROM spans WHERE trace_id = ?";
export const TRACE_LOGS_SQL = `SELECT ${LOG_COLUMNS} FROM logs WHERE trace_id = ? ORDER BY time_us, id`;
const ERROR_LOGS_IN_WINDOW_SQL = `SELECT ${LOG_COLUMNS} FROM logs
  WHERE time_us >= @fromUs AND time_us < @toUs AND level IN ('error', 'fatal') ORDER BY time_us DESC LIMIT @limit`;
export const SPANS_IN_WINDOW_SQL = `SELECT ${SPAN_COLUMNS} FROM spans
  WHERE start_us >= @fromUs AND start_us < @toUs ORDER BY start_us DESC LIMIT @limit`;

type FindTracesParams = {
  fromUs: number;
  toUs: number;
  limit: number;
  service?: string;
  operation?: string;
  minDurationUs?: number;
  maxDurationUs?: number;
  statusRank?: number;
  spanName?: string;
  exceptionType?: string;
  logPattern?: string;
} & Record<`attr${"Key" | "Annotation" | "Value"}${number}`, string>;

export function createReader(db: Database.Database): Reader {
  db.function(LOG_PATTERN_FUNCTION, { deterministic: true }, (message: unknown) => (typeof message === "string" ? logPattern(message) : null));
  const traceSpans = db.prepare<[string], SpanRow>(TRACE_SPANS_SQL);
  const traceOutlineSpans = db.prepare<[string], OutlineSpanRow>(TRACE_OUTLINE_SPANS_SQL).raw();
  const spansById = db.prepare<[string, string], SpanRow>(SPANS_BY_ID_SQL);
  const traceSummary = db.prepare<[string], SummaryRow>(TRACE_SUMMARY_SQL);
  const attributeText = db.prepare<[string], [string, string]>(ATTRIBUTE_TEXT_SQL).raw();
  const traceLogs = db.prepare<[string], LogRow>(TRACE_LOGS_SQL);
  const spansInWindow = db.prepare<{ fromUs: number; toUs: number; limit: number }, SpanRow>(SPANS_IN_WINDOW_SQL);
  const errorLogs = db.prepare<{ fromUs: number; toUs: number; limit: number }, LogRow>(ERROR_LOGS_IN_WINDOW_SQL);
  const resourceAttributes = db.prepare<[number], { attributes: string }>("SELECT attributes FROM resources WHERE id = ?");
  const count = (table: "traces" | "spans" | "logs") => db.prepare<[], { n: number }>(`SELECT count(*) AS n FROM ${table}`);
  const counts = { traces: count("traces"), spans: count("spans"), logs: count("logs") };
  const findStatements = new Map<string, Database.Statement<FindTracesParams, SummaryRow>>();

  /** Each distinct resource parsed once per read. */
  const resourceCache = () => {
    const resources = new Map<number, Attributes>();
    return (id: number): Attributes => {
      let resource = resources.get(id);
      if (!resource) {
        const r = resourceAttributes.get(id);
        resource = r ? (JSON.parse(r.attributes) as Attributes) : {};
        resources.set(id, resource);
      }
      return resource;
    };
  };

  const toSpans = (rows: Iterable<SpanRow>): Span[] => {
    const resourceOf = resourceCache();
    const spans: Span[] = [];
    for (const row of rows) spans.push(spanFromRow(row, resourceOf(row.resource_id)));
    return spans;
  };

  return {
    // Row by row: a million-span trace is not held twice (rows, then spans).
    getTraceSpans: (traceIdHex) => toSpans(traceSpans.iterate(traceIdHex)),
    getTraceOutlineSpans(traceIdHex) {
      const resourceOf = resourceCache();
      const spans: Span[] = [];
      for (const row of traceOutlineSpans.iterate(traceIdHex)) spans.push(outlineSpanFromRow(traceIdHex, row, resourceOf(row[11])));
      return spans;
    },

    traceSummary(traceIdHex) {
      const row = traceSummary.get(traceIdHex);
      return row ? summaryFromRow(row) : null;
    },

    getSpansById(traceIdHex, spanIds) {
      const spans: Span[] = [];
      for (let i = 0; i < spanIds.length; i += SPANS_BY_ID_CHUNK) {
        spans.push(...toSpans(spansById.iterate(traceIdHex, JSON.stringify(spanIds.slice(i, i + SPANS_BY_ID_CHUNK)))));
      }
      return spans;
    },

    spanIdsWithAttributeText(traceIdHex, text) {
      const q = text.toLowerCase();
      // The stored JSON holds a value as typed unless JSON escapes it: then the text test below
      // proves nothing, and every span's attributes are parsed.
      const escapes = JSON.stringify(q).length !== q.length + 2;
      const ids = new Set<string>();
      for (const [spanId, json] of attributeText.iterate(traceIdHex)) {
        if (!escapes && !json.toLowerCase().includes(q)) continue;
        const attributes = JSON.parse(json) as Attributes;
        if (Object.values(attributes).some((v) => typeof v === "string" && v.toLowerCase().includes(q))) ids.add(spanId);
      }
      return ids;
    },

    serviceGraph: createGraphReader(db),

    findTraces(query) {
      const filters: TraceFilters = {
        service: query.service !== undefined,
        operation: query.operation !== undefined,
        minDuration: query.minDurationMs !== undefined,
        maxDuration: query.maxDurationMs !== undefined,
        status: query.status !== undefined,
        attributes: query.attributes?.length ?? 0,
        spanName: query.spanName !== undefined,
        exceptionType: query.exceptionType !== undefined,
        logPattern: query.logPattern !== undefined,
      };
      const sql = findTracesSql(filters);
      let statement = findStatements.get(sql);
      if (!statement) {
        statement = db.prepare<FindTracesParams, SummaryRow>(sql);
        findStatements.set(sql, statement);
      }
      const params: FindTracesParams = { fromUs: query.from * 1000, toUs: query.to * 1000, limit: query.limit };
      if (query.service !== undefined) params.service = query.service;
      if (query.operation !== undefined) params.operation = query.operation;
      if (query.minDurationMs !== undefined) params.minDurationUs = query.minDurationMs * 1000;
      if (query.maxDurationMs !== undefined) params.maxDurationUs = query.maxDurationMs * 1000;
      if (query.status !== undefined) params.statusRank = statusRank(query.status);
      if (query.spanName !== undefined) params.spanName = query.spanName;
      if (query.exceptionType !== undefined) params.exceptionType = query.exceptionType;
      if (query.logPattern !== undefined) params.logPattern = query.logPattern;
      query.attributes?.forEach(({ key, value }, n) => {
        params[`attrKey${n}`] = key;
        params[`attrAnnotation${n}`] = `annotation.${key}`;
        params[`attrValue${n}`] = value;
      });
      return statement.all(params).map(summaryFromRow);
    },

    getTraceLogs: (traceIdHex) => traceLogs.all(traceIdHex).map(logFromRow),

    errorLogsInWindow: (window, limit) => errorLogs.all({ fromUs: window.from * 1000, toUs: window.to * 1000, limit }).map(logFromRow),

    spansInWindow(window, cap) {
      const rows = spansInWindow.all({ fromUs: window.from * 1000, toUs: window.to * 1000, limit: cap + 1 });
      const capped = rows.length > cap;
      return { spans: toSpans(capped ? rows.slice(0, cap) : rows), capped };
    },

    stats() {
      const pageSize = Number(db.pragma("page_size", { simple: true }));
      const pageCount = Number(db.pragma("page_count", { simple: true }));
      let walBytes = 0;
      try {
        // turbopackIgnore: a run-time path (the build's tracer would copy any *-wal file it finds).
        walBytes = statSync(/* turbopackIgnore: true */ `${db.name}-wal`).size;
      } catch {
        // No WAL file between a checkpoint-on-close and the next write.
      }
      return {
        traces: counts.traces.get()?.n ?? 0,
        spans: counts.spans.get()?.n ?? 0,
        logs: counts.logs.get()?.n ?? 0,
        dbBytes: pageSize * pageCount,
        walBytes,
      };
    },
  };
}
