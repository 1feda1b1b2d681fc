/**
 * One trace's Logs Insights queries → the LogsResult the route returns.
 *
 * - events: those of the completed queries, merged, de-duplicated by id (`@ptr`), oldest first;
 *   running queries add their statistics only (their rows are not final).
 * - stats: summed over every query, running ones included: the progress the user sees.
 * - status: `running` while anything is planned, queued or running; then `complete`, `partial`
 *   (some queries failed, some groups do not exist or could not be listed) or `failed` (nothing
 *   could be searched).
 * - cost: the bytes scanned at the configured price per GB (2^30 bytes, as AWS bills).
 */
import type { LogEvent, LogPass, LogsCost, LogsPassSummary, LogsResult, LogsStats, LogsStatus } from "../../model";
import type { LambdaInvocation } from "./lambda-invocations";
import type { QueryWindow, WideScope } from "./logs-query";

export type QueryStatus =
  /** Not started yet: the StartQuery is in flight or waits for a retry. */
  | { kind: "waiting" }
  | { kind: "running"; queryId: string }
  | { kind: "complete" }
  | { kind: "failed"; message: string }
  /** Split into other queries, or dropped, after a ResourceNotFoundException. */
  | { kind: "replaced" };

export interface LogsQueryRecord {
  pass: LogPass;
  /** The wide pass: the prefixes (or the account) SOURCE selects; `groups` is then empty. */
  scope?: WideScope;
  groups: string[];
  /** The request-ID pass: the invocations it searches, by request ID. */
  invocations?: ReadonlyMap<string, LambdaInvocation>;
  window: QueryWindow;
  status: QueryStatus;
  events: LogEvent[];
  stats: LogsStats;
}

/** Proposed as an optional LogsResult field: what the search cost. */

export interface OutcomeContext {
  /** Queries may still be added (groups resolving, trace loading). */
  planning: boolean;
  /** Groups StartQuery said do not exist. */
  missingGroups: readonly string[];
  /** Configured groups that could not be resolved, in words. */
  problems: readonly string[];
  /** Said once, without making the result partial (the wide pass was refused: the search fell back to the narrow one). */
  notes?: readonly string[];
  pricePerGb: number;
}

const GB = 2 ** 30;

export const NO_GROUPS_MESSAGE = "No log group to search: set LOG_GROUPS, or let the trace name its groups (Lambda functions, aws.log.group.names).";

export function zeroStats(): LogsStats {
  return { recordsScanned: 0, bytesScanned: 0, recordsMatched: 0 };
}

export function logsCost(bytesScanned: number, pricePerGb: number): LogsCost {
  return { bytesScanned, pricePerGb, estimatedUsd: Math.round((bytesScanned / GB) * pricePerGb * 1e9) / 1e9 };
}

/**
 * The lines of the completed queries, once each (by `@ptr`): a line several passes found is the
 * narrow pass's (it carries the trace ID, in a named group), else the request pass's (attached to
 * its invocation's span), so `wide` marks exactly the lines found only in groups nobody named and
 * `request` those found only by their request ID.
 */
function mergeEvents(queries: readonly LogsQueryRecord[]): LogEvent[] {
  const byId = new Map<string, LogEvent>();
  const ordered = (["wide", "request", "narrow"] as const).flatMap((pass) => queries.filter((q) => q.pass === pass));
  for (const q of ordered) if (q.status.kind === "complete") for (const e of q.events) byId.set(e.id, { ...e, pass: q.pass });
  return [...byId.values()].sort((a, b) => a.timestamp - b.timestamp || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

function missingMessage(groups: readonly string[]): string | null {
  if (groups.length === 0) return null;
  return groups.length === 1 ? `The log group ${groups[0]} does not exist: skipped.` : `The log groups ${groups.join(", ")} do not exist: skipped.`;
}

function sumStats(queries: readonly LogsQueryRecord[]): LogsStats {
  const stats = zeroStats();
  for (const q of queries) {
    stats.recordsScanned += q.stats.recordsScanned;
    stats.bytesScanned += q.stats.bytesScanned;
    stats.recordsMatched += q.stats.recordsMatched;
  }
  return stats;
}

/**
 * Each pass's statistics and cost, when a pass other than the narrow one was planned (else none:
 * one pass, as before): the narrow pass and each other pass planned (a refused wide pass too).
 */
function passSummaries(queries: readonly LogsQueryRecord[], pricePerGb: number): LogsPassSummary[] | null {
  if (!queries.some((q) => q.pass !== "narrow")) return null;
  const passes = (["wide", "narrow", "request"] as const).filter((pass) => pass === "narrow" || queries.some((q) => q.pass === pass));
  return passes.map((pass) => {
    const of = queries.filter((q) => q.pass === pass && q.status.kind !== "replaced");
    const stats = sumStats(of);
    return { pass, stats, cost: logsCost(stats.bytesScanned, pricePerGb), queries: of.length };
  });
}

export function logsOutcome(queries: readonly LogsQueryRecord[], context: OutcomeContext): LogsResult {
  const stats = sumStats(queries);
  const running = context.planning || queries.some((q) => q.status.kind === "waiting" || q.status.kind === "running");
  const completed = queries.filter((q) => q.status.kind === "complete").length;
  const failures = queries.flatMap((q) => (q.status.kind === "failed" ? [q.status.message] : []));
  const missing = missingMessage(context.missingGroups);
  const messages = [...new Set([...failures, ...(missing ? [missing] : []), ...context.problems, ...(context.notes ?? [])])];
  if (!running && queries.length === 0 && messages.length === 0) messages.push(NO_GROUPS_MESSAGE);

  let status: LogsStatus;
  if (running) status = "running";
  else if (completed === 0 && (failures.length > 0 || missing !== null || context.problems.length > 0)) status = "failed";
  else if (failures.length > 0 || missing !== null || context.problems.length > 0) status = "partial";
  else status = "complete";

  const result: LogsResult = {
    events: mergeEvents(queries),
    status,
    stats,
    cost: logsCost(stats.bytesScanned, context.pricePerGb),
  };
  const passes = passSummaries(queries, context.pricePerGb);
  if (passes) result.passes = passes;
  if (messages.length) result.message = messages.join(" ");
  return result;
}
