/**
 * The store's read queries, answering in model types.
 */
import { statSync } from "node:fs";
import type Database from "better-sqlite3";
import { type Attributes, type LogEvent, type Span, statusRank, type TraceSummary } from "../../../model";
import type { TimeWindow, TraceQuery } from "../../source";
import {
  LOG_COLUMNS,
  type LogRow,
  logFromRow,
  SPAN_COLUMNS,
  type SpanRow,
  spanFromRow,
  SUMMARY_COLUMNS,
  type SummaryRow,
  summaryFromRow,
} from "./rows";

export interface SpansInWindow {
  /** Newest first. */
  spans: Span[];
  /** More spans started in the window than the cap allowed; the oldest were left out. */
  capped: boolean;
}

export interface StoreStats {
  traces: number;
  spans: number;
  logs: number;
  /** page_count * page_size: the database file without its WAL. */
  dbBytes: number;
  walBytes: number;
}

export interface Reader {
  getTraceSpans(traceIdHex: string): Span[];
  findTraces(query: TraceQuery): TraceSummary[];
  getTraceLogs(traceIdHex: string): LogEvent[];
  spansInWindow(window: TimeWindow, cap: number): SpansInWindow;
  stats(): StoreStats;
}

export interface TraceFilters {
  service: boolean;
  minDuration: boolean;
  status: boolean;
}

/**
 * Newest traces first. With a service, the walk starts from that service's index range, so a rare
 * service costs no more than a common one.
 */
export function findTracesSql(filters: TraceFilters): string {
  let and = "";
  if (filters.minDuration) and += " AND t.end_us - t.start_us >= @minDurationUs";
  if (filters.status) and += " AND t.status_rank = @statusRank";
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
export const TRACE_LOGS_SQL = `SELECT ${LOG_COLUMNS} FROM logs WHERE trace_id = ? ORDER BY time_us, id`;
export const SPANS_IN_WINDOW_SQL = `SELECT ${SPAN_COLUMNS} FROM spans
  WHERE start_us >= @fromUs AND start_us < @toUs ORDER BY start_us DESC LIMIT @limit`;

interface FindTracesParams {
  fromUs: number;
  toUs: number;
  limit: number;
  service?: string;
  minDurationUs?: number;
  statusRank?: number;
}

export function createReader(db: Database.Database): Reader {
  const traceSpans = db.prepare<[string], SpanRow>(TRACE_SPANS_SQL);
  const traceLogs = db.prepare<[string], LogRow>(TRACE_LOGS_SQL);
  const spansInWindow = db.prepare<{ fromUs: number; toUs: number; limit: number }, SpanRow>(SPANS_IN_WINDOW_SQL);
  const resourceAttributes = db.prepare<[number], { attributes: string }>(
    "SELECT attributes FROM resources WHERE id = ?",
  );
  const count = (table: "traces" | "spans" | "logs") =>
    db.prepare<[], { n: number }>(`SELECT count(*) AS n FROM ${table}`);
  const counts = { traces: count("traces"), spans: count("spans"), logs: count("logs") };
  const findStatements = new Map<string, Database.Statement<FindTracesParams, SummaryRow>>();

  /** Maps rows to spans, parsing each distinct resource once. */
  const toSpans = (rows: SpanRow[]): Span[] => {
    const resources = new Map<number, Attributes>();
    return rows.map((row) => {
      let resource = resources.get(row.resource_id);
      if (!resource) {
        const r = resourceAttributes.get(row.resource_id);
        resource = r ? (JSON.parse(r.attributes) as Attributes) : {};
        resources.set(row.resource_id, resource);
      }
      return spanFromRow(row, resource);
    });
  };

  return {
    getTraceSpans: (traceIdHex) => toSpans(traceSpans.all(traceIdHex)),

    findTraces(query) {
      const filters: TraceFilters = {
        service: query.service !== undefined,
        minDuration: query.minDurationMs !== undefined,
        status: query.status !== undefined,
      };
      const sql = findTracesSql(filters);
      let statement = findStatements.get(sql);
      if (!statement) {
        statement = db.prepare<FindTracesParams, SummaryRow>(sql);
        findStatements.set(sql, statement);
      }
      const params: FindTracesParams = { fromUs: query.from * 1000, toUs: query.to * 1000, limit: query.limit };
      if (query.service !== undefined) params.service = query.service;
      if (query.minDurationMs !== undefined) params.minDurationUs = query.minDurationMs * 1000;
      if (query.status !== undefined) params.statusRank = statusRank(query.status);
      return statement.all(params).map(summaryFromRow);
    },

    getTraceLogs: (traceIdHex) => traceLogs.all(traceIdHex).map(logFromRow),

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
        walBytes = statSync(`${db.name}-wal`).size;
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
