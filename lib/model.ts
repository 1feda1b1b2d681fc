/**
 * The normalized model every source returns and every component consumes.
 * Times are epoch milliseconds (fractional allowed: sub-millisecond spans keep their precision);
 * durations are milliseconds. Field names are fixed by the public HTTP contract (README.md, HTTP API).
 */

/** X-Ray semantics: error = 4xx, fault = 5xx (or an OTel ERROR status), throttle = 429. */
export type SpanStatus = "ok" | "error" | "fault" | "throttle";
export const SPAN_STATUSES: readonly SpanStatus[] = ["ok", "error", "fault", "throttle"];

export type SpanKind = "internal" | "server" | "client" | "producer" | "consumer";

export type AttributeValue = string | number | boolean | null | AttributeValue[] | { [key: string]: AttributeValue };
export type Attributes = Record<string, AttributeValue>;

export interface SpanEvent {
  name: string;
  timestamp: number;
  attributes: Attributes;
}

export interface SpanLink {
  traceId: string;
  spanId: string;
  attributes: Attributes;
}

export interface Span {
  traceId: string;
  spanId: string;
  /** null for roots. A non-null parent that is absent from the trace makes an orphan. */
  parentSpanId: string | null;
  service: string;
  name: string;
  kind: SpanKind;
  startTime: number;
  endTime: number;
  durationMs: number;
  status: SpanStatus;
  statusMessage: string | null;
  httpStatus: number | null;
  /** X-Ray style origin of the emitting service, e.g. `AWS::Lambda::Function`; null when unknown. */
  origin: string | null;
  attributes: Attributes;
  /** Attributes of the process that emitted the span (service.name, cloud.*, faas.*, aws.*). */
  resource: Attributes;
  events: SpanEvent[];
  links: SpanLink[];
}

export interface Trace {
  /** 32 lowercase hex digits (the W3C form). */
  traceId: string;
  /** `1-xxxxxxxx-xxxxxxxxxxxxxxxxxxxxxxxx`. */
  xrayTraceId: string;
  startTime: number;
  endTime: number;
  durationMs: number;
  spans: Span[];
  /** Distinct service names, in order of first appearance by start time. */
  services: string[];
  /** Some of the trace could not be read (X-Ray dropped segments over its size limit). */
  partial?: boolean;
  /** Why, in words for the user. */
  note?: string;
  /**
   * aws: where the trace was read: absent for X-Ray (BatchGetTraces, or its trace retrieval),
   * `aws/spans` for CloudWatch Transaction Search's span log group (a Logs Insights query).
   */
  store?: "aws/spans";
  /**
   * aws: the trace is older than X-Ray's 30-day retention and was read from `aws/spans`, which
   * keeps spans as long as that log group's retention.
   */
  pastXRayRetention?: boolean;
}

export type LogLevel = "trace" | "debug" | "info" | "warn" | "error" | "fatal" | "unknown";

/**
 * aws: which search found a log line. `narrow`: the search of the named log groups for every
 * form of the ID; `wide`: only the field-index search (`filterIndex traceId`) over log group
 * prefixes or the whole account, in a group nobody named; `request`: only the search of a Lambda
 * function's group by its invocation's request ID (a line without the trace ID).
 */
export type LogPass = "wide" | "narrow" | "request";

export interface LogEvent {
  /** Stable within one source: lets the UI key and select rows. */
  id: string;
  timestamp: number;
  message: string;
  level: LogLevel;
  service: string | null;
  traceId: string | null;
  spanId: string | null;
  logGroup: string | null;
  /** The parsed structured fields (attributes, and the JSON body's own keys). */
  fields: Attributes;
  /** aws: the search that found the line (absent elsewhere). */
  pass?: LogPass;
  /**
   * aws: the 12-digit AWS account of the line's log group (Logs Insights' `@log` is
   * `<account>:<group>`), which differs between lines when a monitoring account reads the groups
   * of its linked source accounts (absent elsewhere).
   */
  account?: string;
}

export type LogsStatus = "complete" | "running" | "partial" | "failed";

export interface LogsStats {
  recordsScanned: number;
  bytesScanned: number;
  recordsMatched: number;
}

/** What a Logs Insights search cost: bytes scanned at the configured price. */
export interface LogsCost {
  bytesScanned: number;
  pricePerGb: number;
  estimatedUsd: number;
}

/** aws: what one pass of the search scanned and cost. */
export interface LogsPassSummary {
  pass: LogPass;
  stats: LogsStats;
  cost: LogsCost;
  /** Logs Insights queries of the pass. */
  queries: number;
}

export interface LogsResult {
  events: LogEvent[];
  status: LogsStatus;
  stats?: LogsStats;
  cost?: LogsCost;
  /** aws, when the wide pass ran: the statistics and cost of each pass (stats and cost are their sums). */
  passes?: LogsPassSummary[];
  /** Why the result is partial or failed, in words for the user. */
  message?: string;
  /**
   * aws: no search was started, because of the scan budget or the user's rate of new searches
   * (lib/sources/aws/scan-budget.ts); `query` is the Logs Insights query to run by hand.
   */
  refused?: { reason: "budget" | "rate"; query: string; logGroups: string[] };
}

/**
 * A trace and its logs in the provider's console (GET /api/traces/{id}/aws-links): the trace's
 * page, and its logs query with the log groups and time window prefilled; the query text too.
 */
export interface ConsoleLinks {
  /** 32 lowercase hex digits. */
  traceId: string;
  xrayTraceId: string;
  region: string;
  /** Set when the region is a default (none configured, or one the console does not know), saying so. */
  regionNote?: string;
  traceConsoleUrl: string;
  logsInsightsConsoleUrl: string;
  /** The logs query, to copy and run by hand. */
  query: string;
  /** The log groups the query link selects (a query takes at most 50). */
  logGroups: string[];
  /** Log groups left out of the link past that limit. */
  logGroupsOmitted?: number;
  /** Configured log groups that could not be listed, in words for the user. */
  problems?: string[];
  /** The query's time window. */
  window: TimeWindow;
}

export interface TraceSummary {
  traceId: string;
  xrayTraceId: string;
  startTime: number;
  durationMs: number;
  rootService: string;
  rootName: string;
  /** The worst status of any span: fault > throttle > error > ok. */
  status: SpanStatus;
  spanCount: number;
  httpStatus: number | null;
}

export type ServiceType =
  "client" | "api-gateway" | "lambda" | "container" | "compute" | "database" | "queue" | "topic" | "storage" | "aws-service" | "external" | "service";

export interface ServiceStats {
  requests: number;
  errors: number;
  faults: number;
  throttles: number;
  avgMs: number;
  p99Ms: number;
}

export interface ServiceNode {
  id: string;
  name: string;
  type: ServiceType;
  stats: ServiceStats;
}

export interface ServiceEdge {
  source: string;
  target: string;
  stats: ServiceStats;
}

export interface ServiceGraph {
  nodes: ServiceNode[];
  edges: ServiceEdge[];
}

/** One step of a service's RED statistics (GET /api/services/{name}/stats). */
export interface ServiceStatsPoint {
  /** Start of the step, epoch milliseconds. */
  t: number;
  requests: number;
  errors: number;
  faults: number;
  throttles: number;
  /** null when the step has no request. */
  p50Ms: number | null;
  p99Ms: number | null;
}

export interface LatencyBucket {
  /** Upper bound (inclusive) of the bucket, milliseconds. */
  leMs: number;
  count: number;
}

/** RED statistics per step of the requests one service served in a window, and their latency histogram. */
export interface ServiceStatsSeries {
  series: ServiceStatsPoint[];
  histogram: LatencyBucket[];
}

const STATUS_RANK: Record<SpanStatus, number> = { ok: 0, error: 1, throttle: 2, fault: 3 };

/** The more severe of two statuses (fault > throttle > error > ok). */
export function worstStatus(a: SpanStatus, b: SpanStatus): SpanStatus {
  return STATUS_RANK[a] >= STATUS_RANK[b] ? a : b;
}

export function statusRank(s: SpanStatus): number {
  return STATUS_RANK[s];
}

export interface TimeWindow {
  /** Epoch milliseconds, inclusive. */
  from: number;
  /** Epoch milliseconds, exclusive. */
  to: number;
}

/** `key=value` of the attr parameter: a span attribute `key`, or an annotation `annotation.key`. */
export interface AttributeFilter {
  key: string;
  value: string;
}
