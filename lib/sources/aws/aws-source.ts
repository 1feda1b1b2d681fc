/**
 * The Source on AWS: X-Ray for traces and the service graph, CloudWatch Logs Insights for a
 * trace's logs. Identical concurrent requests share one upstream call and finished answers are
 * cached (coalesce.ts); getTrace starts the trace's logs search at the same moment as the trace
 * fetch, so the logs panel does not wait for the trace.
 */
import type { CloudWatchLogsClient } from "@aws-sdk/client-cloudwatch-logs";
import type { XRayClient } from "@aws-sdk/client-xray";
import type { LogsResult, ServiceGraph, Trace, TraceSummary } from "../../model";
import type { ParsedTraceId } from "../../trace-id";
import type { Source, TimeWindow } from "../source";
import { type AwsClients, clientSettingsFromEnv, createAwsClients } from "./aws-clients";
import { parseAwsSourceConfig } from "./aws-config";
import { TraceLogsRegistry } from "./aws-logs";
import { getXRayServiceGraph } from "./aws-service-graph";
import { DEFAULT_UNPROCESSED_BACKOFF } from "./aws-trace-fetch";
import { XRayTraceReader } from "./aws-trace-reader";
import { findXRayTraces } from "./aws-traces";
import type { Backoff } from "./backoff";
import { Coalescer, FRESH_TTL_MS, ttlForEnd } from "./coalesce";
import { DEFAULT_RESOLVER_OPTIONS, LogGroupResolver } from "./log-group-resolver";
import type { LogGroupSpec } from "./log-groups";
import type { QueryMargins } from "./logs-query";
import { DEFAULT_RETRIEVAL_OPTIONS, type RetrievalOptions } from "./transaction-search";
import type { XRayTraceQuery } from "./xray-filter";

/** Timings with production defaults; tests shorten them. */
export interface AwsTuning {
  /** Shortest interval between two GetQueryResults of one search (rising 1.5× per poll). */
  pollIntervalMs: number;
  maxPollIntervalMs: number;
  /** A logs search nobody polled for this long is stopped. */
  abandonAfterMs: number;
  /** Retries of StartQuery on LimitExceededException. */
  startQueryBackoff: Backoff;
  /** Retries of BatchGetTraces' UnprocessedTraceIds. */
  unprocessedBackoff: Backoff;
  /** Transaction Search trace retrieval. */
  retrieval: RetrievalOptions;
  /** Added after the ID's second for the logs window before the trace is known. */
  prefetchAllowanceMs: number;
  /** How long an expanded `prefix*` of LOG_GROUPS is remembered. */
  logGroupsTtlMs: number;
}

export const DEFAULT_TUNING: AwsTuning = {
  pollIntervalMs: 1_000,
  maxPollIntervalMs: 5_000,
  abandonAfterMs: 15_000,
  startQueryBackoff: { baseMs: 1_000, maxMs: 15_000, retries: 6 },
  unprocessedBackoff: DEFAULT_UNPROCESSED_BACKOFF,
  retrieval: DEFAULT_RETRIEVAL_OPTIONS,
  prefetchAllowanceMs: 60_000,
  logGroupsTtlMs: DEFAULT_RESOLVER_OPTIONS.ttlMs,
};

export interface AwsSourceOptions {
  xray: XRayClient;
  logs: CloudWatchLogsClient;
  logGroups: LogGroupSpec[];
  maxGroupsPerQuery: number;
  marginsMs: QueryMargins;
  summaryPageCap: number;
  pricePerGb: number;
  now?: () => number;
  tuning?: Partial<AwsTuning>;
}

const CACHED_TRACES = 500;
const CACHED_LISTS = 200;

export class AwsSource implements Source {
  readonly kind = "aws";
  private readonly now: () => number;
  private readonly reader: XRayTraceReader;
  private readonly traces: Coalescer<Trace | null>;
  private readonly summaries: Coalescer<TraceSummary[]>;
  private readonly graphs: Coalescer<ServiceGraph>;
  private readonly logs: TraceLogsRegistry;

  constructor(private readonly options: AwsSourceOptions) {
    const now = options.now ?? Date.now;
    const tuning = { ...DEFAULT_TUNING, ...options.tuning };
    this.now = now;
    this.reader = new XRayTraceReader(options.xray, tuning.unprocessedBackoff, tuning.retrieval, now);
    this.traces = new Coalescer({ ttlMs: (t, at) => (t ? ttlForEnd(t.endTime, at) : FRESH_TTL_MS), maxEntries: CACHED_TRACES, now });
    this.summaries = new Coalescer({ ttlMs: () => FRESH_TTL_MS, maxEntries: CACHED_LISTS, now });
    this.graphs = new Coalescer({ ttlMs: () => FRESH_TTL_MS, maxEntries: CACHED_LISTS, now });
    const resolver = new LogGroupResolver(options.logs, options.logGroups, {
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
        abandonAfterMs: tuning.abandonAfterMs,
        maxResults: CACHED_TRACES,
        now,
      },
      () => resolver.configured(),
      (id) => this.loadTrace(id),
    );
  }

  /** `filterExpression`: an X-Ray filter expression, combined by AND with the other filters. */
  findTraces(query: XRayTraceQuery): Promise<TraceSummary[]> {
    const { from, to, service, minDurationMs, status, limit, filterExpression } = query;
    const key = JSON.stringify([from, to, service, minDurationMs, status, limit, filterExpression]);
    return this.summaries.get(key, () => findXRayTraces(this.options.xray, query, this.options.summaryPageCap));
  }

  /** The trace, partial (`partial`, `note`) when X-Ray dropped segments; null when X-Ray has none. */
  getTrace(id: ParsedTraceId): Promise<Trace | null> {
    this.logs.prefetch(id);
    return this.loadTrace(id);
  }

  getServiceGraph(window: TimeWindow): Promise<ServiceGraph> {
    return this.graphs.get(JSON.stringify([window.from, window.to]), () => getXRayServiceGraph(this.options.xray, window));
  }

  /** `running` at first, then the merged events; upstream failures are a `failed` / `partial` status with a message. */
  getTraceLogs(id: ParsedTraceId): Promise<LogsResult> {
    return this.logs.get(id);
  }

  /** Start the trace's logs search without waiting for it. */
  prefetchTraceLogs(id: ParsedTraceId): void {
    this.logs.prefetch(id);
  }

  /** Stop the trace's running logs search (StopQuery). False when none was running. */
  cancelTraceLogs(id: ParsedTraceId): Promise<boolean> {
    return this.logs.cancel(id);
  }

  /** Logs searches in progress (for diagnostics). */
  get openLogSearches(): number {
    return this.logs.openSearches;
  }

  /** Stop every logs search and timer. */
  close(): Promise<void> {
    return this.logs.close();
  }

  private loadTrace(id: ParsedTraceId): Promise<Trace | null> {
    return this.traces.get(id.hex, () => this.reader.read(id));
  }
}

/**
 * The AWS source configured from the environment (throws ConfigError on a bad setting).
 * `clients`: for tests; by default the SDK's own credential, region and endpoint resolution.
 */
export function createAwsSourceFromEnv(env: Record<string, string | undefined>, clients?: AwsClients): AwsSource {
  const config = parseAwsSourceConfig(env);
  const { xray, logs } = clients ?? createAwsClients(clientSettingsFromEnv(env));
  return new AwsSource({ xray, logs, ...config });
}
