/**
 * Sightline's own metrics, in the Prometheus text format (prom-client), served at GET /metrics
 * (app/metrics/route.ts, behind AUTH_MODE like the API) and, with METRICS_PORT, on a port of
 * their own (lib/metrics/metrics-server.ts).
 *
 * One registry per process, kept on globalThis: Next.js bundles instrumentation.ts and each route
 * separately, and every bundle must count into the same registry (prom-client itself is loaded
 * from node_modules, next.config.js serverExternalPackages).
 *
 * Labels are bounded sets: a route is its template (`/api/traces/[id]`, lib/metrics/route-label.ts),
 * never a path with an ID in it; an AWS operation is an SDK command name.
 */
import { Counter, Histogram, Registry, collectDefaultMetrics } from "prom-client";

export interface SightlineMetrics {
  registry: Registry;
  httpRequests: Counter<"route" | "method" | "status">;
  httpDuration: Histogram<"route" | "method">;
  awsCalls: Counter<"service" | "operation" | "outcome">;
  awsRetries: Counter<"service" | "operation">;
  awsRateLimitWaitSeconds: Counter<"service" | "operation">;
  logsBytesScanned: Counter;
  logsCostUsd: Counter;
  answers: Counter<"kind" | "outcome">;
  otlpItems: Counter<"signal" | "outcome">;
  retentionDeleted: Counter<"signal">;
  otlpRequests: Counter<"signal" | "status">;
}

const KEY = Symbol.for("sightline.metrics");
type WithMetrics = typeof globalThis & { [KEY]?: SightlineMetrics };

function create(): SightlineMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, eventLoopMonitoringPrecision: 20 });
  const registers = [registry];
  return {
    registry,
    httpRequests: new Counter({
      name: "sightline_http_requests_total",
      help: "HTTP requests answered, by route template, method and status code.",
      labelNames: ["route", "method", "status"] as const,
      registers,
    }),
    httpDuration: new Histogram({
      name: "sightline_http_request_duration_seconds",
      help: "Time from the request's arrival to the last byte of its answer, by route template and method.",
      labelNames: ["route", "method"] as const,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers,
    }),
    awsCalls: new Counter({
      name: "sightline_aws_calls_total",
      help: "Calls to AWS APIs, by service, operation and outcome (ok, throttled, error, timeout); retries inside a call are not calls.",
      labelNames: ["service", "operation", "outcome"] as const,
      registers,
    }),
    awsRetries: new Counter({
      name: "sightline_aws_retries_total",
      help: "Retried attempts inside AWS calls (attempts beyond the first), by service and operation.",
      labelNames: ["service", "operation"] as const,
      registers,
    }),
    awsRateLimitWaitSeconds: new Counter({
      name: "sightline_aws_rate_limit_wait_seconds_total",
      help: "Time AWS calls waited for Sightline's own per-operation rate limit (AWS_API_TPS), by service and operation.",
      labelNames: ["service", "operation"] as const,
      registers,
    }),
    logsBytesScanned: new Counter({
      name: "sightline_logs_insights_bytes_scanned_total",
      help: "Bytes scanned by the Logs Insights queries Sightline ran (billed by AWS).",
      registers,
    }),
    logsCostUsd: new Counter({
      name: "sightline_logs_insights_estimated_cost_usd_total",
      help: "Estimated cost of those bytes in USD, at LOGS_PRICE_PER_GB.",
      registers,
    }),
    answers: new Counter({
      name: "sightline_answers_total",
      help: "Answers to upstream lookups by kind and outcome: upstream (a call was made), coalesced (shared a call in flight) or cached.",
      labelNames: ["kind", "outcome"] as const,
      registers,
    }),
    otlpItems: new Counter({
      name: "sightline_otlp_items_total",
      help: "OTLP spans and log records received, by signal and outcome (accepted: stored; rejected: the request failed).",
      labelNames: ["signal", "outcome"] as const,
      registers,
    }),
    retentionDeleted: new Counter({
      name: "sightline_retention_deleted_total",
      help: "Spans and log records deleted from the embedded store by retention (age or size), by signal.",
      labelNames: ["signal"] as const,
      registers,
    }),
    otlpRequests: new Counter({
      name: "sightline_otlp_requests_total",
      help: "OTLP export requests answered, by signal and status code.",
      labelNames: ["signal", "status"] as const,
      registers,
    }),
  };
}

export function metrics(): SightlineMetrics {
  const g = globalThis as WithMetrics;
  return (g[KEY] ??= create());
}
