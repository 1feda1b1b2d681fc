/**
 * Every environment variable the server reads at run time, and one check of them all with the
 * parsers start-up uses (lib/startup.ts calls checkServerEnv first). scripts/validate-deploy.ts
 * runs the same check over the deployment examples' environment (deploy/), so a manifest cannot
 * set a variable the server ignores or a value it would refuse.
 */
import { parseLoginLimitConfig } from "./auth/login-limiter";
import { parseConfig } from "./config";
import { parseLogSettings } from "./log/logger";
import { parseMetricsPort } from "./metrics/metrics-server";
import { parseSelfTracingSettings } from "./self-tracing/self-tracing";
import { parsePublicOrigin } from "./http/cross-site";
import { DEFAULT_CLIENT_SETTINGS } from "./sources/aws/aws-clients";
import { parseAwsSourceConfig, parseAwsTimeouts } from "./sources/aws/aws-config";
import { parseApiTps } from "./sources/aws/rate-limit";
import { parseScanBudgetConfig } from "./sources/aws/scan-budget";

type Env = Record<string, string | undefined>;

/** Read and validated by Sightline itself (README, Configuration). */
const SIGHTLINE_VARIABLES = [
  "DATA_SOURCE",
  "DATA_DIR",
  "RETENTION_DAYS",
  "STORE_MAX_MB",
  "INGEST_MAX_BODY_MB",
  "MAX_WINDOW_HOURS",
  "TRACE_WINDOW_FROM_SPANS",
  "TRACE_READ_MAX_SPANS",
  "TRACE_GROWING_FROM_SPANS",
  "AUTH_MODE",
  "AUTH_BASIC_USER",
  "AUTH_BASIC_PASSWORD",
  "AUTH_PROXY_HEADER",
  "INGEST_TOKEN",
  "PUBLIC_URL",
  "LOGIN_MAX_FAILURES_PER_MINUTE",
  "TRUSTED_PROXY_HEADER",
  "SNAPSHOT_STORE",
  "SNAPSHOT_S3_SSE",
  "SNAPSHOT_S3_KMS_KEY_ID",
  "ALB_ARN",
  "ALB_KEY_URL",
  "METRICS_PORT",
  "LOG_FORMAT",
  "LOG_LEVEL",
  // DATA_SOURCE=aws only
  "LOG_GROUPS",
  "LOG_SCOPE",
  "AWS_API_TPS",
  "LOGS_MAX_GROUPS_PER_QUERY",
  "LOGS_MARGIN_BEFORE_MIN",
  "LOGS_MARGIN_AFTER_MIN",
  "XRAY_SUMMARY_PAGE_CAP",
  "LOGS_PRICE_PER_GB",
  "LOGS_SCAN_BUDGET_GB_PER_DAY",
  "LOGS_SEARCHES_PER_USER_PER_MINUTE",
  "AWS_REQUEST_TIMEOUT_MS",
  "TRACE_STORE",
  "SPANS_TRACE_DEADLINE_MS",
] as const;

/** Read by the AWS SDK's own configuration resolution (aws-clients.ts), not parsed here. */
const AWS_SDK_VARIABLES = [
  "AWS_REGION",
  "AWS_PROFILE",
  "AWS_ENDPOINT_URL",
  "AWS_ENDPOINT_URL_XRAY",
  "AWS_ENDPOINT_URL_CLOUDWATCH_LOGS",
  "AWS_ENDPOINT_URL_S3",
  "AWS_MAX_ATTEMPTS",
  "AWS_RETRY_MODE",
  "AWS_ACCESS_KEY_ID",
  "AWS_SECRET_ACCESS_KEY",
  "AWS_SESSION_TOKEN",
] as const;

/** Read by the OpenTelemetry SDK when self-tracing is on (lib/self-tracing), the first also by Sightline to turn it on. */
const OTEL_SDK_VARIABLES = [
  "OTEL_EXPORTER_OTLP_ENDPOINT",
  "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT",
  "OTEL_EXPORTER_OTLP_HEADERS",
  "OTEL_EXPORTER_OTLP_TIMEOUT",
  "OTEL_SERVICE_NAME",
  "OTEL_TRACES_SAMPLER_ARG",
  "OTEL_SDK_DISABLED",
  "OTEL_BSP_SCHEDULE_DELAY",
] as const;

/** Read by `node server.js` (Next.js' standalone server) and Node itself. */
const RUNTIME_VARIABLES = ["PORT", "HOSTNAME", "NODE_ENV", "NODE_OPTIONS"] as const;

type ServerEnvVariable =
  (typeof SIGHTLINE_VARIABLES)[number] | (typeof AWS_SDK_VARIABLES)[number] | (typeof OTEL_SDK_VARIABLES)[number] | (typeof RUNTIME_VARIABLES)[number];

/** Every variable the running server reads, with who reads it. */
export const SERVER_ENV: ReadonlyMap<ServerEnvVariable, "sightline" | "aws-sdk" | "otel-sdk" | "runtime"> = new Map([
  ...SIGHTLINE_VARIABLES.map((n) => [n, "sightline"] as const),
  ...AWS_SDK_VARIABLES.map((n) => [n, "aws-sdk"] as const),
  ...OTEL_SDK_VARIABLES.map((n) => [n, "otel-sdk"] as const),
  ...RUNTIME_VARIABLES.map((n) => [n, "runtime"] as const),
]);

/**
 * Runs every start-up parser over `env`; throws ConfigError (one line naming the variable) on the
 * first invalid value. The AWS settings are checked when DATA_SOURCE=aws, as the server does.
 */
export function checkServerEnv(env: Env): void {
  const c = parseConfig(env); // AUTH_* (ALB_* too) and INGEST_TOKEN
  parsePublicOrigin(env);
  parseLoginLimitConfig(env);
  parseLogSettings(env);
  parseMetricsPort(env, env.PORT);
  parseSelfTracingSettings(env);
  if (c.dataSource === "aws") {
    const aws = parseAwsSourceConfig(env);
    parseAwsTimeouts(env, DEFAULT_CLIENT_SETTINGS);
    parseScanBudgetConfig(env, aws.pricePerGb);
    parseApiTps(env.AWS_API_TPS);
  }
}
