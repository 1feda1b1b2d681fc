/**
 * The Source on AWS: X-Ray for traces and the service graph, CloudWatch Logs Insights for a
 * trace's logs. Identical concurrent requests share one upstream call and finished answers are
 * cached (coalesce.ts); getTrace starts the trace's logs search at the same moment as the trace
 * fetch, so the logs panel does not wait for the trace. It also builds the trace's console links,
 * from the same clients, log-group resolver and caches.
 */
import type { CloudWatchLogsClient } from "@aws-sdk/client-cloudwatch-logs";
import type { XRayClient } from "@aws-sdk/client-xray";
import type { OperationKey } from "../../analysis/operation-percentiles";
import type { TraceFacets } from "../../analysis/trace-facets";
import type { ConsoleLinks, LogsResult, ServiceGraph, ServiceStatsSeries, TimeWindow, Trace, TraceSummary } from "../../model";
import type { ParsedTraceId } from "../../trace-id";
import { traceQueryKey } from "../query-key";
import type {
  ErrorOccurrences,
  ErrorsQuery,
  LogsReadOptions,
  OperationPercentilesAnswer,
  Source,
  SourceReadiness,
  TraceFacetsQuery,
  TraceQuery,
  TraceReadOptions,
} from "../source";
import { type AwsClients, clientSettingsFromEnv, createAwsClients } from "./aws-clients";
import { operationPercentilesFromSummaries } from "./aws-operation-percentiles";
import { type LogScope, type TraceStore, parseAwsSourceConfig, parseAwsTimeouts } from "./aws-config";
import { TraceLogsRegistry } from "./aws-logs";
import { xrayTraceNotFoundMessage } from "./aws-errors";
import { type AwsReachability, checkAwsReachable } from "./aws-reachability";
import { getXRayServiceGraph } from "./aws-service-graph";
import { getXRayServiceStats } from "./aws-service-stats";
import { DEFAULT_UNPROCESSED_BACKOFF } from "./aws-trace-fetch";
import { XRayTraceReader } from "./aws-trace-reader";
import { findXRayTraces, readXRaySummaries } from "./aws-traces";
import type { Backoff } from "./backoff";
import { CachedProbe } from "../../readiness/cached-probe";
import { Coalescer, FRESH_TTL_MS, ttlForEnd } from "./coalesce";
import { DEFAULT_RESOLVER_OPTIONS, LogGroupResolver } from "./log-group-resolver";
import type { LogGroupSpec } from "./log-groups";
import type { QueryMargins } from "./logs-query";
import { facetsFromXRaySummary, rootCauseExceptions } from "./summary-facets";
import { type ConsoleRegion, MAX_CONSOLE_GROUPS, resolveConsoleRegion, traceConsoleLinks } from "./trace-console-links";
import { DEFAULT_THROTTLE_BACKOFF, retryThrottled } from "./throttle-retry";
import { DEFAULT_RETRIEVAL_OPTIONS, type RetrievalOptions } from "./transaction-search";
import { parseScanBudgetConfig, type ScanBudget, sharedScanBudget } from "./scan-budget";
import { DEFAULT_SPANS_STORE_OPTIONS, SpansStore, type SpansStoreOptions } from "./spans-store";
import { TraceStoreReader } from "./trace-store-reader";

/** Timings with production defaults; tests shorten them. */
export interface AwsTuning {
  /**
   * Shortest interval between two GetQueryResults of one Logs Insights query; the interval is
   * 12 % of the query's age (POLL_AGE_RATIO) between this and maxPollIntervalMs.
   */
  pollIntervalMs: number;
  /** Longest interval between two GetQueryResults of one query. */
  maxPollIntervalMs: number;
  /** A logs search nobody polled for this long is stopped. */
  abandonAfterMs: number;
  /** Retries of StartQuery on LimitExceededException. */
  startQueryBackoff: Backoff;
  /** Retries of BatchGetTraces' UnprocessedTraceIds. */
  unprocessedBackoff: Backoff;
  /** X-Ray reads still throttled after the SDK's retries: tried again, whole, this way. */
  throttleBackoff: Backoff;
  /** Transaction Search trace retrieval. */
  retrieval: RetrievalOptions;
  /** Logs Insights queries over aws/spans (TRACE_STORE spans, auto). */
  spans: SpansStoreOptions;
  /** Added after the ID's second for the logs window before the trace is known. */
  prefetchAllowanceMs: number;
  /** How long an expanded `prefix*` of LOG_GROUPS is remembered. */
  logGroupsTtlMs: number;
}

const DEFAULT_TUNING: AwsTuning = {
  // GetQueryResults is rate-limited per account and Region (assumed 5 TPS, as DescribeLogGroups,
  // DescribeLogStreams and FilterLogEvents are on the CloudWatch Logs quotas page; check the
  // account's value: `aws service-quotas list-aws-default-service-quotas --service-code logs`).
  // 250 ms keeps one query at ≤ 4 calls/s for its first 2 s, ≤ 1/s from 8 s, 0.2/s from 42 s;
  // the floor for all queries together is the process's GetQueryResults bucket (rate-limit.ts,
  // AWS_API_TPS, 4/s by default): many queries share it, each polled less often.
  pollIntervalMs: 250,
  maxPollIntervalMs: 5_000,
  abandonAfterMs: 15_000,
  startQueryBackoff: { baseMs: 1_000, maxMs: 15_000, retries: 6 },
  unprocessedBackoff: DEFAULT_UNPROCESSED_BACKOFF,
  throttleBackoff: DEFAULT_THROTTLE_BACKOFF,
  retrieval: DEFAULT_RETRIEVAL_OPTIONS,
  spans: DEFAULT_SPANS_STORE_OPTIONS,
  prefetchAllowanceMs: 60_000,
  logGroupsTtlMs: DEFAULT_RESOLVER_OPTIONS.ttlMs,
};

export interface AwsSourceOptions {
  xray: XRayClient;
  /** Where traces are read (TRACE_STORE; default `auto`): trace-store-reader.ts. */
  traceStore?: TraceStore;
  logs: CloudWatchLogsClient;
  logGroups: LogGroupSpec[];
  /** Where the wide pass (filterIndex traceId) looks: LOG_GROUPS' prefixes (default), or the whole account. */
  logScope?: LogScope;
  maxGroupsPerQuery: number;
  marginsMs: QueryMargins;
  summaryPageCap: number;
  pricePerGb: number;
  /** SPANS_TRACE_DEADLINE_MS (default: tuning's spans.deadlineMs). */
  spansDeadlineMs?: number;
  /** The scan budget and per-user rate of new log searches (none: unlimited). */
  scanBudget?: ScanBudget;
  /**
   * AWS_REGION as set, for the console links (a value the console does not know is named in their
   * note); unset: the logs client's own Region.
   */
  region?: string;
  now?: () => number;
  tuning?: Partial<AwsTuning>;
}

const CACHED_TRACES = 500;
const CACHED_LISTS = 200;

/** Readiness: a reachable AWS is checked again after 30 s, an unreachable one after 5 s. */
const READY_OK_TTL_MS = 30_000;
const READY_FAIL_TTL_MS = 5_000;
/** One check's AWS calls at most: a probe must answer within a kubelet's few seconds. */
const READY_CALL_TIMEOUT_MS = 4_000;

export class AwsSource implements Source {
  readonly kind = "aws";
  readonly capabilities = { filterExpressions: true };
  private readonly reader: TraceStoreReader;
  private readonly traces: Coalescer<Trace | null>;
  private readonly summaries: Coalescer<TraceSummary[]>;
  private readonly graphs: Coalescer<ServiceGraph>;
  private readonly stats: Coalescer<ServiceStatsSeries>;
  private readonly facets: Coalescer<TraceFacets[]>;
  private readonly errors: Coalescer<ErrorOccurrences>;
  private readonly logs: TraceLogsRegistry;
  private readonly resolver: LogGroupResolver;
  private readonly throttleBackoff: Backoff;
  /** At most one pair of AWS calls per READY_OK_TTL_MS, however often readiness is probed. */
  private readonly reachability: CachedProbe<AwsReachability>;
  private consoleRegion: Promise<ConsoleRegion> | null = null;

  constructor(private readonly options: AwsSourceOptions) {
    const now = options.now ?? Date.now;
    const tuning = { ...DEFAULT_TUNING, ...options.tuning };
    this.throttleBackoff = tuning.throttleBackoff;
    this.reachability = new CachedProbe(() => checkAwsReachable(options, READY_CALL_TIMEOUT_MS), {
      okTtlMs: READY_OK_TTL_MS,
      failTtlMs: READY_FAIL_TTL_MS,
    });
    this.reader = new TraceStoreReader(
      options.traceStore ?? "auto",
      new XRayTraceReader(options.xray, tuning.unprocessedBackoff, tuning.retrieval, now),
      new SpansStore(options.logs, { ...tuning.spans, deadlineMs: options.spansDeadlineMs ?? tuning.spans.deadlineMs }, now),
      now,
    );
    // A trace cut short while reading aws/spans (a later page failed) is read again soon, however old.
    this.traces = new Coalescer({
      kind: "traces",
      ttlMs: (t, at) => (t && !(t.partial && t.store === "aws/spans") ? ttlForEnd(t.endTime, at) : FRESH_TTL_MS),
      maxEntries: CACHED_TRACES,
      now,
    });
    this.summaries = new Coalescer({ kind: "trace-summaries", ttlMs: () => FRESH_TTL_MS, maxEntries: CACHED_LISTS, now });
    this.graphs = new Coalescer({ kind: "service-graphs", ttlMs: () => FRESH_TTL_MS, maxEntries: CACHED_LISTS, now });
    this.stats = new Coalescer({ kind: "service-stats", ttlMs: () => FRESH_TTL_MS, maxEntries: CACHED_LISTS, now });
    this.facets = new Coalescer({ ttlMs: () => FRESH_TTL_MS, maxEntries: CACHED_LISTS, now });
    this.errors = new Coalescer({ ttlMs: () => FRESH_TTL_MS, maxEntries: CACHED_LISTS, now });
    this.resolver = new LogGroupResolver(options.logs, options.logGroups, {
      ttlMs: tuning.logGroupsTtlMs,
      maxGroupsPerPrefix: DEFAULT_RESOLVER_OPTIONS.maxGroupsPerPrefix,
      now,
    });
    this.logs = new TraceLogsRegistry(
      {
        logs: options.logs,
        maxGroupsPerQuery: options.maxGroupsPerQuery,
        margins: options.marginsMs,
        prefetchAllowanceMs: tuning.prefetchAllowanceMs,
        pollIntervalMs: tuning.pollIntervalMs,
        maxPollIntervalMs: tuning.maxPollIntervalMs,
        startBackoff: tuning.startQueryBackoff,
        pricePerGb: options.pricePerGb,
        logScope: options.logScope ?? "groups",
        abandonAfterMs: tuning.abandonAfterMs,
        maxResults: CACHED_TRACES,
        budget: options.scanBudget,
        now,
      },
      () => this.resolver.configured(),
      (id) => this.loadTrace(id),
    );
  }

  /**
   * `filterExpression`: an X-Ray filter expression, combined by AND with the other filters.
   * TRACE_STORE=spans: root spans from aws/spans (spans-store.ts), without filter expressions.
   */
  findTraces(query: TraceQuery): Promise<TraceSummary[]> {
    if (this.reader.store === "spans") return this.summaries.get(traceQueryKey(query), () => this.reader.spans.findTraces(query));
    return this.summaries.get(traceQueryKey(query), () => findXRayTraces(this.options.xray, query, this.options.summaryPageCap, this.pageRetry));
  }

  /**
   * The trace, partial (`partial`, `note`) when X-Ray dropped segments; null when X-Ray has none.
   * Starts the trace's logs search at the same time, on behalf of `options.requester`.
   */
  getTrace(id: ParsedTraceId, options: TraceReadOptions = {}): Promise<Trace | null> {
    this.logs.prefetch(id, options.requester ?? null);
    return this.loadTrace(id);
  }

  traceNotFoundMessage(id: ParsedTraceId, now: number): string {
    if (this.reader.store === "spans") return this.reader.spans.notFoundMessage(id);
    return xrayTraceNotFoundMessage(id, now);
  }

  /**
   * The trace in the CloudWatch console and its logs query in Logs Insights (trace-console-links.ts).
   * X-Ray unavailable: the links still work, with the window around the ID's epoch second.
   */
  async consoleLinks(id: ParsedTraceId): Promise<ConsoleLinks> {
    const [trace, configured, region] = await Promise.all([
      this.getTrace(id).catch(() => null),
      this.resolver.configured(MAX_CONSOLE_GROUPS),
      (this.consoleRegion ??= resolveConsoleRegion(this.options.region, () => this.options.logs.config.region())),
    ]);
    return traceConsoleLinks({ id, trace, configured, region, margins: this.options.marginsMs });
  }

  getServiceGraph(window: TimeWindow): Promise<ServiceGraph> {
    return this.graphs.get(JSON.stringify([window.from, window.to]), () => this.retryThrottled(() => getXRayServiceGraph(this.options.xray, window)));
  }

  getServiceStats(service: string, window: TimeWindow, stepMs: number): Promise<ServiceStatsSeries> {
    const key = JSON.stringify([service, window.from, window.to, stepMs]);
    return this.stats.get(key, () => this.retryThrottled(() => getXRayServiceStats(this.options.xray, service, window, stepMs)));
  }

  /** From GetTraceSummaries alone (`service("name")`, and its failing traces apart): no trace is fetched. */
  getTraceFacets(query: TraceFacetsQuery): Promise<TraceFacets[]> {
    const key = JSON.stringify(["facets", query.service, query.from, query.to, query.limit]);
    return this.facets.get(key, async () => {
      const base = { from: query.from, to: query.to, service: query.service, limit: query.limit };
      const pages = this.options.summaryPageCap;
      const [all, failing] = await Promise.all([
        readXRaySummaries(this.options.xray, base, pages, this.pageRetry),
        readXRaySummaries(this.options.xray, { ...base, filterExpression: "fault = true OR error = true OR throttle = true" }, pages, this.pageRetry),
      ]);
      const byId = new Map<string, TraceFacets>();
      for (const raw of [...all, ...failing]) {
        const facets = facetsFromXRaySummary(raw);
        if (facets) byId.set(facets.traceId, facets);
      }
      return [...byId.values()];
    });
  }

  /**
   * The exceptions X-Ray names as the root causes of the failing traces through these services
   * (GetTraceSummaries' FaultRootCauses and ErrorRootCauses). ERROR log lines would take a Logs
   * Insights query over every log group: not run here, and the note says so.
   */
  getErrorOccurrences(query: ErrorsQuery): Promise<ErrorOccurrences> {
    const key = JSON.stringify(["errors", [...query.services].sort(), query.from, query.to, query.limit]);
    return this.errors.get(key, async () => {
      const filterExpression = query.services.map((s) => `service(${JSON.stringify(s)})`).join(" OR ");
      const raw = await readXRaySummaries(
        this.options.xray,
        {
          from: query.from,
          to: query.to,
          limit: query.limit,
          status: undefined,
          filterExpression: `(${filterExpression}) AND (fault = true OR error = true)`,
        },
        this.options.summaryPageCap,
        this.pageRetry,
      );
      return {
        occurrences: raw.flatMap(rootCauseExceptions),
        note: "Exceptions from X-Ray's root causes; ERROR log lines are not searched here (a Logs Insights query over every log group).",
      };
    });
  }

  /**
   * `running` at first, then the merged events; upstream failures are a `failed` / `partial` status with a message.
   * `options.waitMs`: a running search answers once its status or statistics change, or after waitMs (long poll).
   */
  getTraceLogs(id: ParsedTraceId, options?: LogsReadOptions): Promise<LogsResult> {
    return this.logs.get(id, options);
  }

  /** Stop the trace's running logs search (StopQuery). False when none was running. */
  cancelTraceLogs(id: ParsedTraceId): Promise<boolean> {
    return this.logs.cancel(id);
  }

  /** Logs searches in progress (for diagnostics). */
  get openLogSearches(): number {
    return this.logs.openSearches;
  }

  /**
   * Ready while X-Ray and CloudWatch Logs answer with the configured credentials (aws-reachability.ts),
   * checked through a CachedProbe.
   */
  async readiness(): Promise<SourceReadiness> {
    const probe = await this.reachability.get();
    return { ok: probe.ok, checks: { aws: probe.detail }, checkedAt: probe.checkedAt };
  }

  /** Stop every logs search and timer. */
  close(): Promise<void> {
    return this.logs.close();
  }

  getOperationPercentiles(window: TimeWindow, keys: OperationKey[]): Promise<OperationPercentilesAnswer> {
    return operationPercentilesFromSummaries((q) => this.findTraces(q), window, keys);
  }

  /** For GetTraceSummaries, each page on its own (aws-traces.ts): a throttled page does not read the pages before it again. */
  private readonly pageRetry = <T>(load: () => Promise<T>): Promise<T> => this.retryThrottled(load);

  private retryThrottled<T>(load: () => Promise<T>): Promise<T> {
    return retryThrottled(load, this.throttleBackoff);
  }

  private loadTrace(id: ParsedTraceId): Promise<Trace | null> {
    return this.traces.get(id.hex, () => this.retryThrottled(() => this.reader.read(id)));
  }
}

/**
 * The AWS source configured from the environment (throws ConfigError on a bad setting).
 * `clients`: for tests; by default the SDK's own credential, region and endpoint resolution.
 */
export function createAwsSourceFromEnv(env: Record<string, string | undefined>, clients?: AwsClients): AwsSource {
  const config = parseAwsSourceConfig(env);
  const settings = clientSettingsFromEnv(env);
  const { xray, logs } = clients ?? createAwsClients({ ...settings, ...parseAwsTimeouts(env, settings) });
  return new AwsSource({ xray, logs, ...config, scanBudget: sharedScanBudget(parseScanBudgetConfig(env, config.pricePerGb)), region: env.AWS_REGION });
}
