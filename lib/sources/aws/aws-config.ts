/**
 * The AWS source's settings from the environment, validated: an invalid value stops start-up
 * with a ConfigError naming the variable (and, for LOG_GROUPS, the entry).
 *
 * - LOG_GROUPS: comma-separated log group names or `prefix*` (default: none). The names and the
 *   prefixes' groups (DescribeLogGroups) are searched by the narrow pass; a prefix it cannot cover
 *   (more than 1,000 groups, or not listed) by the wide pass too (`filterIndex traceId`, five
 *   prefixes a query).
 * - LOG_SCOPE: `groups` (default: the wide pass covers only those prefixes) or `account` (the wide
 *   pass covers every log group of the account).
 * - LOGS_MAX_GROUPS_PER_QUERY: groups per Logs Insights query, 1–50 (default 50).
 * - LOGS_MARGIN_BEFORE_MIN / LOGS_MARGIN_AFTER_MIN: the logs window around the trace, minutes
 *   (default 5 / 15).
 * - XRAY_SUMMARY_PAGE_CAP: GetTraceSummaries pages read at most per search (default 10).
 * - LOGS_PRICE_PER_GB: USD per GB scanned, for the cost shown (default 0.005).
 * - TRACE_STORE: where traces are read: `xray` (X-Ray only), `spans` (Transaction Search's
 *   `aws/spans` log group only, with Logs Insights) or `auto` (X-Ray, then `aws/spans` when X-Ray
 *   does not have the trace and the account uses Transaction Search or the trace is past X-Ray's
 *   30 days). Default `auto`.
 * - SPANS_TRACE_DEADLINE_MS: the most time one trace is read from `aws/spans` for, page after page
 *   (default 120000); a trace not read whole by then is shown as far as it was read, with a note.
 * - AWS_REQUEST_TIMEOUT_MS: one attempt of an AWS call at most (default 20000); the whole call,
 *   retries included, gets 1.5 times that.
 */
import { ConfigError } from "../../config";
import { DEFAULT_SUMMARY_PAGE_CAP } from "./aws-traces";
import { DEFAULT_SPANS_DEADLINE_MS } from "./spans-store";
import { type LogGroupSpec, parseLogGroupSpec } from "./log-groups";
import type { QueryMargins } from "./logs-query";

/** Where the wide pass looks: the LOG_GROUPS prefixes the narrow pass cannot cover, or every log group of the account. */
export type LogScope = "groups" | "account";

const TRACE_STORES = ["xray", "spans", "auto"] as const;
export type TraceStore = (typeof TRACE_STORES)[number];

export interface AwsSourceConfig {
  traceStore: TraceStore;
  logGroups: LogGroupSpec[];
  logScope: LogScope;
  maxGroupsPerQuery: number;
  marginsMs: QueryMargins;
  summaryPageCap: number;
  pricePerGb: number;
  /** SPANS_TRACE_DEADLINE_MS: the most time one trace is read from aws/spans for. */
  spansDeadlineMs: number;
}

type Env = Record<string, string | undefined>;

/** StartQuery takes at most 50 log groups. */
const MAX_GROUPS_PER_QUERY = 50;

export function parseLogGroupsSetting(value: string | undefined): LogGroupSpec[] {
  const entries = (value ?? "")
    .split(",")
    .map((e) => e.trim())
    .filter((e) => e !== "");
  return entries.map((entry) => {
    const parsed = parseLogGroupSpec(entry);
    if (!parsed.ok) throw new ConfigError(`Invalid configuration: LOG_GROUPS entry "${entry.slice(0, 80)}": ${parsed.reason}`);
    return parsed.value;
  });
}

function numberSetting(env: Env, name: string, def: number, check: { min: number; max?: number; integer?: boolean }): number {
  const raw = env[name]?.trim();
  if (raw === undefined || raw === "") return def;
  const n = Number(raw);
  const kind = check.integer ? "a whole number" : "a number";
  const range = check.max === undefined ? `at least ${check.min}` : `from ${check.min} to ${check.max}`;
  if (!Number.isFinite(n) || (check.integer && !Number.isInteger(n)) || n < check.min || (check.max !== undefined && n > check.max)) {
    throw new ConfigError(`Invalid configuration: ${name} must be ${kind} ${range}, got "${raw.slice(0, 40)}"`);
  }
  return n;
}

function parseLogScope(value: string | undefined): LogScope {
  const scope = (value ?? "").trim().toLowerCase() || "groups";
  if (scope !== "groups" && scope !== "account") {
    throw new ConfigError(`Invalid configuration: LOG_SCOPE must be "groups" or "account", got "${(value ?? "").slice(0, 40)}"`);
  }
  return scope;
}

function parseTraceStore(value: string | undefined): TraceStore {
  const raw = (value ?? "").trim();
  if (raw === "") return "auto";
  const store = TRACE_STORES.find((s) => s === raw.toLowerCase());
  if (!store) throw new ConfigError(`Invalid configuration: TRACE_STORE must be one of ${TRACE_STORES.join(", ")}, got "${raw.slice(0, 40)}"`);
  return store;
}

export function parseAwsSourceConfig(env: Env): AwsSourceConfig {
  return {
    traceStore: parseTraceStore(env.TRACE_STORE),
    logGroups: parseLogGroupsSetting(env.LOG_GROUPS),
    logScope: parseLogScope(env.LOG_SCOPE),
    maxGroupsPerQuery: numberSetting(env, "LOGS_MAX_GROUPS_PER_QUERY", MAX_GROUPS_PER_QUERY, { min: 1, max: MAX_GROUPS_PER_QUERY, integer: true }),
    marginsMs: {
      beforeMs: numberSetting(env, "LOGS_MARGIN_BEFORE_MIN", 5, { min: 0 }) * 60_000,
      afterMs: numberSetting(env, "LOGS_MARGIN_AFTER_MIN", 15, { min: 0 }) * 60_000,
    },
    summaryPageCap: numberSetting(env, "XRAY_SUMMARY_PAGE_CAP", DEFAULT_SUMMARY_PAGE_CAP, { min: 1, integer: true }),
    pricePerGb: numberSetting(env, "LOGS_PRICE_PER_GB", 0.005, { min: 0 }),
    spansDeadlineMs: numberSetting(env, "SPANS_TRACE_DEADLINE_MS", DEFAULT_SPANS_DEADLINE_MS, { min: 1_000, max: 3_600_000, integer: true }),
  };
}

/** The AWS calls' timeouts: AWS_REQUEST_TIMEOUT_MS per attempt, 1.5 times it for the whole call. */
export function parseAwsTimeouts(env: Env, defaults: { requestTimeoutMs: number; callTimeoutMs: number }): { requestTimeoutMs: number; callTimeoutMs: number } {
  if (!env.AWS_REQUEST_TIMEOUT_MS?.trim()) return defaults;
  const requestTimeoutMs = numberSetting(env, "AWS_REQUEST_TIMEOUT_MS", defaults.requestTimeoutMs, { min: 100, max: 600_000, integer: true });
  return { requestTimeoutMs, callTimeoutMs: Math.round(1.5 * requestTimeoutMs) };
}
