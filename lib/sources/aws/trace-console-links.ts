/**
 * The AWS source's console links for one trace (Source.consoleLinks): the trace in the CloudWatch
 * console, and its logs query in Logs Insights with the log groups and the time window prefilled;
 * the query text too, for "Copy Logs Insights query". The log groups are those the trace names
 * itself, then the configured LOG_GROUPS (each `prefix*` expanded), at most 50 (as one query takes).
 */
import type { ConsoleLinks, Trace } from "../../model";
import type { ParsedTraceId } from "../../trace-id";
import { consoleOrigin, DEFAULT_REGION, logsInsightsConsoleUrl, xrayTraceConsoleUrl } from "./console-links";
import { logGroupsOfTrace, type ResolvedGroups } from "./log-group-resolver";
import { type QueryMargins, queryWindow, traceLogsQuery } from "./logs-query";

/** A Logs Insights query (and so the console's selection) takes at most 50 log groups. */
export const MAX_CONSOLE_GROUPS = 50;

export interface ConsoleRegion {
  region: string;
  /** Set when no usable Region was configured and the default was used. */
  note?: string;
}

function isRegion(region: string): boolean {
  try {
    consoleOrigin(region);
    return true;
  } catch {
    return false;
  }
}

/**
 * The Region of the links: `configured` (AWS_REGION as set) when the console knows it; when it is
 * unset, the SDK's own resolution (`sdkRegion`: the profile's region); else us-east-1 with a note.
 */
export async function resolveConsoleRegion(configured: string | undefined, sdkRegion: () => Promise<string>): Promise<ConsoleRegion> {
  const fromEnv = configured?.trim();
  if (fromEnv && isRegion(fromEnv)) return { region: fromEnv };
  try {
    const region = fromEnv ? "" : await sdkRegion();
    if (region && isRegion(region)) return { region };
  } catch {
    // No Region anywhere in the SDK's configuration: fall through to the default.
  }
  return {
    region: DEFAULT_REGION,
    note: fromEnv
      ? `AWS_REGION "${fromEnv.slice(0, 40)}" is not a Region the console knows: the console links use ${DEFAULT_REGION}.`
      : `No AWS Region is configured (AWS_REGION or the profile's region): the console links use ${DEFAULT_REGION}.`,
  };
}

export interface ConsoleLinksInput {
  id: ParsedTraceId;
  /** null when X-Ray has no such trace or could not be read: the window is then around the ID's epoch second. */
  trace: Trace | null;
  /** The configured LOG_GROUPS as names (each prefix expanded to at most MAX_CONSOLE_GROUPS). */
  configured: Pick<ResolvedGroups, "groups" | "problems">;
  region: ConsoleRegion;
  margins: QueryMargins;
}

export function traceConsoleLinks({ id, trace, configured, region: { region, note }, margins }: ConsoleLinksInput): ConsoleLinks {
  const all = [...new Set([...(trace ? logGroupsOfTrace(trace) : []), ...configured.groups])];
  const logGroups = all.slice(0, MAX_CONSOLE_GROUPS);
  const window = queryWindow(id, trace ?? undefined, margins);
  const query = traceLogsQuery(id);
  return {
    traceId: id.hex,
    xrayTraceId: id.xray,
    region,
    ...(note ? { regionNote: note } : {}),
    traceConsoleUrl: xrayTraceConsoleUrl(region, id.xray),
    logsInsightsConsoleUrl: logsInsightsConsoleUrl({
      region,
      query,
      logGroups,
      startMs: window.startTime * 1000,
      endMs: window.endTime * 1000,
    }),
    query,
    logGroups,
    ...(all.length > logGroups.length ? { logGroupsOmitted: all.length - logGroups.length } : {}),
    ...(configured.problems.length > 0 ? { problems: configured.problems } : {}),
    window: { from: window.startTime * 1000, to: window.endTime * 1000 },
  };
}
