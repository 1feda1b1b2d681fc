/**
 * Traces from CloudWatch Transaction Search's `aws/spans` log group, with Logs Insights:
 *
 * - readTrace: `filter traceId = "<hex>"`, oldest first, over the window around the ID's epoch
 *   second (X-Ray-generated IDs start with it) or, for an ID whose first 8 digits are no time (a
 *   random W3C ID), the last `lookbackMs`. A query returns at most 10,000 rows, so a trace is read
 *   by pages of time: while a page is full, the next query starts at its last row's `@timestamp`,
 *   inclusive (`toMillis(@timestamp) >= …`, its StartQuery window from that second), and the rows
 *   of that millisecond already read (by span ID) are dropped. One query at a time; at most
 *   `maxPages` (SPANS_MAX_PAGES, about 1,000,000 spans), within `deadlineMs` (SPANS_TRACE_DEADLINE_MS)
 *   from the first query's start; a page after the first that fails, the cap, the deadline (a later
 *   page's query is stopped when it runs past it, a page is not started after it) or a millisecond
 *   holding more than a whole page make the trace `partial`, with a note saying why and how many
 *   spans were read. The `@message`s are converted by spans-convert.ts. A
 *   trace older than X-Ray's 30 days says so (`pastXRayRetention`): `aws/spans` keeps spans as
 *   long as its retention, up to ten years.
 * - findTraces: the newest root spans of the window that pass the filters (one query), then the
 *   status fields of every span of those traces (a second query, over their time only) for each
 *   trace's span count and worst status. `status` is applied to that worst status, so the roots
 *   query asks for more traces than `limit` when it is set. Attribute and pivot filters and
 *   X-Ray filter expressions have no equivalent here: a 400 says so.
 * - Each query: StartQuery, then GetQueryResults at a rising interval until Complete; a query not
 *   complete after `timeoutMs` is stopped (StopQuery) and answered 504 (a trace's first page; a
 *   later one: partial). Every call goes through the clients' rate limiter (rate-limit.ts).
 */
import { type CloudWatchLogsClient, GetQueryResultsCommand, type ResultField, StartQueryCommand, StopQueryCommand } from "@aws-sdk/client-cloudwatch-logs";
import { ApiError } from "../../http/api-error";
import { type Attributes, type SpanStatus, type Trace, type TraceSummary, worstStatus } from "../../model";
import { type ParsedTraceId, parseTraceId } from "../../trace-id";
import type { TraceQuery } from "../source";
import { httpStatusOf, isThrottleError, spanStatus } from "../local/otlp/span-status";
import { errorName, toApiError } from "./aws-errors";
import { sleep } from "./backoff";
import { spanFromRecord, spanRecordsToTrace } from "./spans-convert";
import { SPANS_LOG_GROUP, SPANS_QUERY_LIMIT, SpansQueryError, rootSpansQuery, traceSpansQuery, traceStatusQuery } from "./spans-query";
import { pollDelayMs } from "./trace-logs-entry";

/** The ApiError code of a StartQuery on an account without the aws/spans group. */
const TRANSACTION_SEARCH_OFF = "transaction_search_off";

/** X-Ray keeps traces for 30 days (X-Ray developer guide, "Data retention"). */
export const XRAY_RETENTION_MS = 30 * 86_400_000;

export interface SpansStoreOptions {
  /** The query window around the ID's epoch second. */
  beforeMs: number;
  afterMs: number;
  /** How far back a trace whose ID carries no time is looked for. */
  lookbackMs: number;
  /** A query not complete after this is stopped: 504. */
  timeoutMs: number;
  /** GetQueryResults' interval rises with the query's age between these (pollDelayMs). */
  pollIntervalMs: number;
  maxPollIntervalMs: number;
  /** The most queries (pages of SPANS_QUERY_LIMIT rows) one trace is read with. */
  maxPages: number;
  /**
   * The most time one trace is read for, from its first query's start: no page after the first
   * runs past it (the first page has `timeoutMs`, as every query).
   */
  deadlineMs: number;
}

/**
 * SPANS_TRACE_DEADLINE_MS' default: two minutes, about 75 pages (750,000 spans) at the 1.6 s a page
 * of bench/aws-spans-pages.ts, well past the X-Ray console's own 10,000-span view.
 */
export const DEFAULT_SPANS_DEADLINE_MS = 120_000;

/** 100 pages of 10,000 rows: a trace of up to about 1,000,000 spans reads whole. */
const SPANS_MAX_PAGES = 100;

export const DEFAULT_SPANS_STORE_OPTIONS: SpansStoreOptions = {
  beforeMs: 5 * 60_000,
  afterMs: 60 * 60_000,
  lookbackMs: 24 * 3_600_000,
  timeoutMs: 60_000,
  pollIntervalMs: 250,
  maxPollIntervalMs: 5_000,
  maxPages: SPANS_MAX_PAGES,
  deadlineMs: DEFAULT_SPANS_DEADLINE_MS,
};

/** The earliest epoch second an X-Ray-generated ID can carry (X-Ray launched in 2016). */
const EARLIEST_ID_MS = Date.UTC(2015, 0, 1);
/** Roots asked for per trace wanted when a status filter drops some after the fact. */
const STATUS_OVERFETCH = 5;
const MAX_ROOTS = 1_000;
/** Trace IDs per status query: 200 × 35 characters stay well inside StartQuery's 10,000. */
const STATUS_QUERY_IDS = 200;

/** The start time an X-Ray-generated ID carries, epoch ms; null when its first 8 digits are no plausible time (a random W3C ID). */
export function idTimeMs(id: ParsedTraceId, now: number): number | null {
  const second = id.epochSeconds * 1000;
  return second >= EARLIEST_ID_MS && second <= now + 86_400_000 ? second : null;
}

type Row = Map<string, string>;

interface SpanPages {
  /** The span records' JSON, each span once. */
  messages: string[];
  /** Why the trace was not read whole; null when it was. */
  cut: string | null;
}

/** A row's `@timestamp` ("YYYY-MM-DD HH:MM:SS.mmm", UTC, as Logs Insights shows it) as epoch ms; null when it is none. */
function timestampMs(value: string | undefined): number | null {
  if (value === undefined) return null;
  if (/^\d+$/.test(value)) return Number(value);
  const match = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2}(?:\.\d{1,3})?)Z?$/.exec(value.trim());
  if (!match) return null;
  const ms = Date.parse(`${match[1]}T${match[2]}Z`);
  return Number.isFinite(ms) ? ms : null;
}

function rowOf(fields: readonly ResultField[]): Row {
  const row: Row = new Map();
  for (const f of fields) if (f.field !== undefined && f.value !== undefined) row.set(f.field, f.value);
  return row;
}

interface Window {
  /** Epoch seconds, inclusive. */
  startTime: number;
  endTime: number;
}

function secondsWindow(fromMs: number, toMs: number): Window {
  return { startTime: Math.max(0, Math.floor(fromMs / 1000)), endTime: Math.ceil(toMs / 1000) };
}

export class SpansStore {
  constructor(
    private readonly logs: CloudWatchLogsClient,
    private readonly options: SpansStoreOptions,
    private readonly now: () => number,
  ) {}

  /** The window a trace's spans are looked for in, epoch ms. */
  traceWindow(id: ParsedTraceId): { from: number; to: number } {
    const now = this.now();
    const second = idTimeMs(id, now);
    if (second !== null) return { from: second - this.options.beforeMs, to: second + this.options.afterMs };
    return { from: now - this.options.lookbackMs, to: now };
  }

  /**
   * The trace's spans from `aws/spans`; null when it has none there. `required`: a missing
   * `aws/spans` group is an error saying Transaction Search is off (else: not found).
   */
  async readTrace(id: ParsedTraceId, required: boolean): Promise<Trace | null> {
    let read: SpanPages;
    try {
      read = await this.readPages(id);
    } catch (error) {
      if (!required && ApiError.is(error) && error.code === TRANSACTION_SEARCH_OFF) return null;
      throw error;
    }
    const { trace } = spanRecordsToTrace(id.hex, id.xray, read.messages);
    if (!trace) return null;
    return {
      ...trace,
      ...(this.now() - trace.startTime > XRAY_RETENTION_MS ? { pastXRayRetention: true } : {}),
      ...(read.cut === null
        ? {}
        : { partial: true, note: `${read.cut}: the first ${trace.spans.length.toLocaleString("en-US")} spans of this trace in aws/spans are shown.` }),
    };
  }

  /**
   * The trace's span records, page after page of time. The first page's errors are thrown (the
   * trace cannot be shown); a later page's end the reading, named in `cut`.
   */
  private async readPages(id: ParsedTraceId): Promise<SpanPages> {
    const window = this.traceWindow(id);
    const { deadlineMs, timeoutMs } = this.options;
    const startedAt = this.now();
    const pastDeadline = (page: number, started: boolean) =>
      `Reading this trace's spans took longer than ${formatSeconds(deadlineMs)} s (SPANS_TRACE_DEADLINE_MS), stopped ${started ? "in" : "before"} query ${page}`;
    const messages: string[] = [];
    /** The inclusive start of the next page, epoch ms; null for the first. */
    let fromMs: number | null = null;
    /** The span IDs already read at `fromMs`: the next page starts with them again. */
    let atFrom = new Set<string>();
    for (let page = 1; ; page += 1) {
      let rows: Row[];
      // A later page gets what is left of the deadline, if that is less than a query's timeout.
      const left = deadlineMs - (this.now() - startedAt);
      if (page > 1 && left <= 0) return { messages, cut: pastDeadline(page, false) };
      const limitMs = page === 1 ? timeoutMs : Math.min(timeoutMs, left);
      try {
        rows =
          fromMs === null
            ? await this.run(traceSpansQuery(id), secondsWindow(window.from, window.to), limitMs)
            : await this.run(traceSpansQuery(id, fromMs), secondsWindow(Math.max(window.from, fromMs), window.to), limitMs);
      } catch (error) {
        if (page === 1) throw error;
        if (limitMs < timeoutMs && ApiError.is(error) && error.status === 504) return { messages, cut: pastDeadline(page, true) };
        const reason = (error instanceof Error ? error.message : String(error)).replace(/\.$/, "");
        return { messages, cut: `Query ${page} of this trace's spans failed (${reason})` };
      }
      let lastMs: number | null = null;
      let atLast = new Set<string>();
      for (const row of rows) {
        const at = timestampMs(row.get("@timestamp"));
        const spanId = row.get("spanId");
        if (at !== lastMs) {
          lastMs = at;
          atLast = new Set();
        }
        if (spanId !== undefined) atLast.add(spanId);
        if (at === fromMs && spanId !== undefined && atFrom.has(spanId)) continue;
        const message = row.get("@message");
        if (message !== undefined) messages.push(message);
      }
      if (rows.length < SPANS_QUERY_LIMIT) return { messages, cut: null };
      if (lastMs === null) return { messages, cut: `Logs Insights answered a full page of ${SPANS_QUERY_LIMIT} rows whose last has no @timestamp` };
      if (lastMs === fromMs) {
        return {
          messages,
          cut: `More than ${SPANS_QUERY_LIMIT.toLocaleString("en-US")} spans of this trace share the millisecond ${new Date(lastMs).toISOString()}, more than one query returns`,
        };
      }
      if (page >= this.options.maxPages) {
        return {
          messages,
          cut: `This trace's spans fill ${this.options.maxPages} Logs Insights queries of ${SPANS_QUERY_LIMIT.toLocaleString("en-US")} rows, the most one trace is read with`,
        };
      }
      fromMs = lastMs;
      atFrom = atLast;
    }
  }

  /** Why a trace is not found, for the 404. */
  notFoundMessage(id: ParsedTraceId): string {
    const { from, to } = this.traceWindow(id);
    return `Transaction Search (${SPANS_LOG_GROUP}) has no span of trace ${id.hex} between ${new Date(from).toISOString()} and ${new Date(to).toISOString()}.`;
  }

  async findTraces(query: TraceQuery): Promise<TraceSummary[]> {
    const unsupported = [
      query.filterExpression !== undefined && "filter",
      (query.attributes?.length ?? 0) > 0 && "attr",
      query.spanName !== undefined && "spanName",
      query.exceptionType !== undefined && "exception",
      query.logPattern !== undefined && "logPattern",
    ].filter((name): name is string => typeof name === "string");
    if (unsupported.length > 0) {
      throw new ApiError(
        400,
        "invalid_filter",
        `${unsupported.join(", ")}: not available with TRACE_STORE=spans, which lists traces from aws/spans (service, operation, minDurationMs, maxDurationMs and status are)`,
      );
    }
    const limit = Math.min(MAX_ROOTS, query.status ? query.limit * STATUS_OVERFETCH : query.limit);
    let text: string;
    try {
      text = rootSpansQuery({
        service: query.service,
        operation: query.operation,
        minDurationMs: query.minDurationMs,
        maxDurationMs: query.maxDurationMs,
        limit,
      });
    } catch (error) {
      if (error instanceof SpansQueryError) throw new ApiError(400, `invalid_${error.parameter}`, error.message);
      throw error;
    }
    const roots = new Map<string, { summary: TraceSummary; endTime: number }>();
    for (const row of await this.run(text, secondsWindow(query.from, query.to - 1))) {
      const span = spanOfMessage(row.get("@message"));
      if (!span || roots.has(span.traceId)) continue;
      const parsed = parseTraceId(span.traceId);
      if (!parsed.ok) continue;
      roots.set(span.traceId, {
        endTime: span.endTime,
        summary: {
          traceId: span.traceId,
          xrayTraceId: parsed.id.xray,
          startTime: span.startTime,
          durationMs: span.durationMs,
          rootService: span.service,
          rootName: span.name,
          status: span.status,
          spanCount: 1,
          httpStatus: span.httpStatus,
        },
      });
    }
    if (roots.size === 0) return [];
    await this.addStatuses(roots);
    return [...roots.values()]
      .map((r) => r.summary)
      .filter((s) => query.status === undefined || s.status === query.status)
      .sort((a, b) => b.startTime - a.startTime)
      .slice(0, query.limit);
  }

  /**
   * Span counts and worst statuses of these traces, from queries over their time: one per
   * STATUS_QUERY_IDS traces, as a query's text is limited to 10,000 characters (StartQuery).
   */
  private async addStatuses(roots: Map<string, { summary: TraceSummary; endTime: number }>): Promise<void> {
    const ids = [...roots.keys()];
    const chunks: string[][] = [];
    for (let i = 0; i < ids.length; i += STATUS_QUERY_IDS) chunks.push(ids.slice(i, i + STATUS_QUERY_IDS));
    const answers = await Promise.all(
      chunks.map((chunk) => {
        const entries = chunk.map((id) => roots.get(id)!);
        const from = Math.min(...entries.map((e) => e.summary.startTime));
        const to = Math.max(...entries.map((e) => e.endTime));
        return this.run(traceStatusQuery(chunk), secondsWindow(from - this.options.beforeMs, to + this.options.beforeMs));
      }),
    );
    const rows = answers.flat();
    const seen = new Map<string, Set<string>>();
    for (const row of rows) {
      const traceId = row.get("traceId");
      const spanId = row.get("spanId");
      const entry = traceId === undefined ? undefined : roots.get(traceId);
      if (!entry || spanId === undefined) continue;
      const ids = seen.get(traceId!) ?? new Set<string>();
      seen.set(traceId!, ids);
      ids.add(spanId);
      entry.summary.status = worstStatus(entry.summary.status, statusOfRow(row));
    }
    for (const [traceId, ids] of seen) {
      const entry = roots.get(traceId);
      if (entry) entry.summary.spanCount = Math.max(1, ids.size);
    }
  }

  /** StartQuery on aws/spans, then GetQueryResults until Complete: the rows. Not complete after `timeoutMs`: StopQuery, 504. */
  private async run(queryString: string, window: Window, timeoutMs = this.options.timeoutMs): Promise<Row[]> {
    let queryId: string | undefined;
    try {
      const started = await this.logs.send(
        new StartQueryCommand({ logGroupName: SPANS_LOG_GROUP, queryString, startTime: window.startTime, endTime: window.endTime, limit: SPANS_QUERY_LIMIT }),
      );
      queryId = started.queryId;
    } catch (error) {
      if (errorName(error) === "ResourceNotFoundException") {
        throw new ApiError(
          502,
          TRANSACTION_SEARCH_OFF,
          `The log group ${SPANS_LOG_GROUP} does not exist: CloudWatch Transaction Search is not enabled in this account and Region (TRACE_STORE=spans reads traces from it).`,
        );
      }
      throw toApiError(error, "logs:StartQuery");
    }
    if (!queryId) throw new ApiError(502, "aws_error", "CloudWatch Logs' StartQuery answered without a query ID.");
    const started = this.now();
    for (;;) {
      const age = this.now() - started;
      if (age > timeoutMs) break;
      await sleep(pollDelayMs(age, this.options.pollIntervalMs, this.options.maxPollIntervalMs));
      let answer;
      try {
        answer = await this.logs.send(new GetQueryResultsCommand({ queryId }));
      } catch (error) {
        throw toApiError(error, "logs:GetQueryResults");
      }
      const status = answer.status;
      if (status === "Complete") return (answer.results ?? []).map(rowOf);
      if (status === "Failed" || status === "Timeout" || status === "Cancelled" || status === "Unknown") {
        throw new ApiError(502, "aws_error", `The Logs Insights query over ${SPANS_LOG_GROUP} ended ${status}.`);
      }
    }
    await this.logs.send(new StopQueryCommand({ queryId })).catch(() => undefined);
    throw new ApiError(504, "aws_unreachable", `The Logs Insights query over ${SPANS_LOG_GROUP} did not complete within ${formatSeconds(timeoutMs)} s.`);
  }
}

/** Whole seconds, or tenths under ten seconds: "120", "0.5". */
function formatSeconds(ms: number): string {
  return ms >= 10_000 ? String(Math.round(ms / 1000)) : String(Math.round(ms / 100) / 10);
}

function spanOfMessage(message: string | undefined) {
  if (message === undefined) return null;
  let record: unknown;
  try {
    record = JSON.parse(message);
  } catch {
    return null;
  }
  const traceId = typeof record === "object" && record !== null && "traceId" in record ? String(record.traceId).toLowerCase() : "";
  const span = spanFromRecord(record, traceId);
  return typeof span === "string" ? null : span;
}

/** The status of one span from the status query's fields. */
function statusOfRow(row: Row): SpanStatus {
  const attributes: Attributes = {};
  for (const key of ["http.response.status_code", "http.status_code", "error.type"]) {
    const value = row.get(`attributes.${key}`);
    if (value !== undefined) attributes[key] = key === "error.type" ? value : Number(value);
  }
  const code = row
    .get("status.code")
    ?.toUpperCase()
    .replace(/^STATUS_CODE_/, "");
  return spanStatus(httpStatusOf(attributes), code === "ERROR" || code === "2" ? 2 : 0, isThrottleError(attributes));
}
