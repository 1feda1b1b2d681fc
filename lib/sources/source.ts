/**
 * What every data source answers, and what some answer besides. Both implementations (local
 * SQLite, AWS) return the same normalized model, so routes and components never know which one is
 * behind: a route calls getSource() and this interface only, never branches on `kind`, and answers
 * "not available" when an optional method is missing or a capability is false.
 */
import type { OperationKey, OperationPercentiles } from "../analysis/operation-percentiles";
import type { ErrorOccurrence } from "../analysis/error-groups";
import type { TraceFacets } from "../analysis/trace-facets";
import type { OutlineRowRecord, OutlineSummary } from "../analysis/trace-outline";
import type { OutlineQuestions } from "../analysis/outline-engine";
import type { AttributeFilter, ConsoleLinks, LogsResult, ServiceGraph, ServiceStatsSeries, Span, SpanStatus, TimeWindow, Trace, TraceSummary } from "../model";
import type { ParsedTraceId } from "../trace-id";

/** The trace page's pivots ("traces with this"): each given filter must match some span or log line of the trace. */
export interface PivotFilters {
  /** Some span has exactly this operation name. */
  spanName?: string;
  /** Some span recorded an exception of exactly this type. */
  exceptionType?: string;
  /** Some log line of the trace has this pattern (lib/analysis/log-pattern.ts). */
  logPattern?: string;
}

export interface TraceQuery extends TimeWindow, PivotFilters {
  service?: string;
  /** A case-insensitive substring of the root span's operation name. */
  operation?: string;
  minDurationMs?: number;
  maxDurationMs?: number;
  status?: SpanStatus;
  /** Every filter must match some span of the trace (AND across filters). */
  attributes?: AttributeFilter[];
  /**
   * An X-Ray filter expression, combined by AND with the other filters; passed only to a source
   * whose `capabilities.filterExpressions` is true.
   */
  filterExpression?: string;
  limit: number;
}

/** What a source can do beyond the questions every source answers. */
interface SourceCapabilities {
  /** findTraces takes `filterExpression` (X-Ray's filter expression language). */
  filterExpressions: boolean;
}

export interface TraceReadOptions {
  /**
   * Who asks (lib/auth/identity-headers.ts, requesterOf): where reading a trace starts its logs
   * search (aws), the search counts against their rate. Null: on behalf of nobody in particular.
   */
  requester?: string | null;
}

/** How a request for a trace's logs may wait for news: a long poll, where the source searches for seconds (aws). */
export interface LogsReadOptions extends TraceReadOptions {
  /** At most this long, while the search is running; 0 (the default) answers at once. */
  waitMs?: number;
  /** Aborted when the browser goes away: stop waiting. */
  signal?: AbortSignal;
}

export interface Source {
  /** Which source this is, for the health answer and a snapshot's record: never to branch on. */
  readonly kind: "local" | "aws";
  readonly capabilities: SourceCapabilities;
  findTraces(query: TraceQuery): Promise<TraceSummary[]>;
  /** null when the source has no span of that trace. */
  getTrace(id: ParsedTraceId, options?: TraceReadOptions): Promise<Trace | null>;
  /** Why getTrace found nothing, in words for the user: what was searched, and when the ID says the trace started. */
  traceNotFoundMessage(id: ParsedTraceId, now: number): string;
  getServiceGraph(window: TimeWindow): Promise<ServiceGraph>;
  /** The trace's logs as far as they are known (`running` while a search is under way, where searches take seconds). */
  getTraceLogs(id: ParsedTraceId, options?: LogsReadOptions): Promise<LogsResult>;
  /** Stops the trace's running logs search; false when none was running. Absent: the source's logs answer at once. */
  cancelTraceLogs?(id: ParsedTraceId): Promise<boolean>;
  /** Links to the trace and its logs in the provider's own console. Absent: the source has no console. */
  consoleLinks?(id: ParsedTraceId): Promise<ConsoleLinks>;
  /** RED statistics per step of the requests one service served in the window, and their latency histogram. */
  getServiceStats(service: string, window: TimeWindow, stepMs: number): Promise<ServiceStatsSeries>;
  /**
   * What the traces through `service` in the window carry (attributes, resources, annotations,
   * versions), newest first: at most `limit` of every status, and at most `limit` failing ones
   * besides, so that a rare failure still has a sample to compare.
   */
  getTraceFacets(query: TraceFacetsQuery): Promise<TraceFacets[]>;
  /** The exceptions (and, where the source can search them cheaply, ERROR log lines) of these services in the window. */
  getErrorOccurrences(query: ErrorsQuery): Promise<ErrorOccurrences>;
  /**
   * p50/p99 of each operation (service + span name) over the window, for the per-span percentile
   * band. Operations the source cannot tell are listed in `unknown`, with why in `note`.
   */
  getOperationPercentiles?(window: TimeWindow, keys: OperationKey[]): Promise<OperationPercentilesAnswer>;
  /**
   * Lighter reads for a large trace's outline (lib/http/trace-outline-cache.ts). Absent: the
   * outline is built from getTrace, its spans whole.
   */
  readonly leanTraces?: LeanTraceReader;
  /** Can the source serve now (GET /api/ready)? Cheap to ask often: a check that costs upstream calls is cached. */
  readiness(): Promise<SourceReadiness>;
  /** Stops whatever the source runs in the background (server shutdown, tests). */
  close?(): Promise<void>;
}

/** A trace's latest outline as a source keeps it (the local store: outline-store.ts), current or not. */
export interface StoredOutline {
  /** The spans it was built from (its row count). */
  spanCount: number;
  /** The trace's span count now: more than `spanCount` when spans arrived since the outline was built. */
  traceSpanCount: number;
  summary: OutlineSummary;
}

/** Rows of a trace's latest stored outline, with that outline's span count (read together). */
export interface StoredOutlineRows {
  spanCount: number;
  records: OutlineRowRecord[];
}

/**
 * A trace whose spans carry what its outline needs (ids, parent, service, name, kind, times, status,
 * origin, resource, and the attributes that name a callee or a cold start), and reads of the rest
 * for the few spans on screen and for a search.
 */
export interface LeanTraceReader {
  /** As getTrace, with lean spans: most without attributes, none with events or links. */
  getLeanTrace(id: ParsedTraceId, options?: TraceReadOptions): Promise<Trace | null>;
  /** These spans of the trace, whole; unknown IDs are left out. */
  getSpansById(id: ParsedTraceId, spanIds: readonly string[]): Promise<Span[]>;
  /** The IDs of the trace's spans with a string attribute containing `text`, compared in lower case (visible-rows.ts spanSearchPredicate). */
  spanIdsWithAttributeText(id: ParsedTraceId, text: string): Promise<Set<string>>;
  /** The trace's latest outline as the source keeps it, when it does (it may be older than the trace); null otherwise. */
  storedOutline?(id: ParsedTraceId): Promise<StoredOutline | null>;
  /** Rows [from, to) of the latest stored outline; null when none is stored. */
  storedOutlineRows?(id: ParsedTraceId, from: number, to: number): Promise<StoredOutlineRows | null>;
  /**
   * The trace's summary (span count, root service and operation, status, duration) without reading
   * the trace; null when the trace is unknown. The page decides its view by the span count, and
   * shows the rest while a large trace's outline is laid out.
   */
  traceSummary?(id: ParsedTraceId): Promise<TraceSummary | null>;
  /**
   * The windowed view's questions that need the outline in memory, answered off the thread that
   * answers requests (the local store's outline query thread); an unknown trace rejects with
   * OutlineTraceUnknown. Absent: lib/http/trace-outline-cache.ts builds and holds outlines itself.
   */
  outlineQuestions?: OutlineQuestions;
}

export interface SourceReadiness {
  ok: boolean;
  /** What was checked, by name (local: `store`, the embedded store is open; aws: `aws`, each service reachable). */
  checks: Record<string, unknown>;
  /** Epoch ms of the check (a cached check's own time). */
  checkedAt: number;
}

export interface ErrorsQuery extends TimeWindow {
  services: string[];
  limit: number;
}

export interface ErrorOccurrences {
  occurrences: ErrorOccurrence[];
  /** What the source could not look at, in words for the user. */
  note?: string;
}

export interface TraceFacetsQuery extends TimeWindow {
  service: string;
  limit: number;
}

export interface OperationPercentilesAnswer {
  operations: OperationPercentiles[];
  unknown: OperationKey[];
  note?: string;
}
