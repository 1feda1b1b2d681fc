import { NextResponse } from "next/server";
import { CloudWatchLogsClient } from "@aws-sdk/client-cloudwatch-logs";
import type { Trace } from "@/lib/model";
import { ApiError } from "@/lib/http/api-error";
import { jsonRoute } from "@/lib/http/route-handler";
import { traceIdParam } from "@/lib/http/trace-id-param";
import { awsSource } from "@/lib/sources";
import { parseAwsSourceConfig } from "@/lib/sources/aws/aws-config";
import { consoleOrigin, DEFAULT_REGION, logsInsightsConsoleUrl, xrayTraceConsoleUrl } from "@/lib/sources/aws/console-links";
import { clientSettingsFromEnv, createAwsClients } from "@/lib/sources/aws/aws-clients";
import { LogGroupResolver, logGroupsOfTrace, type ResolvedGroups } from "@/lib/sources/aws/log-group-resolver";
import type { LogGroupSpec } from "@/lib/sources/aws/log-groups";
import { queryWindow, traceLogsQuery } from "@/lib/sources/aws/logs-query";
import { methodNotAllowed } from "@/lib/http/method-not-allowed";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ traceId: string }> };

interface ResolvedRegion {
  region: string;
  /** Set when no Region was configured and the default was used. */
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

/** A Logs Insights query (and so the console's selection) takes at most 50 log groups. */
const MAX_CONSOLE_GROUPS = 50;

let resolver: { setting: string; resolver: LogGroupResolver } | null = null;

/** The configured LOG_GROUPS as names; prefixes expanded (remembered 5 minutes, at most 50 each). */
function configuredGroups(setting: string, specs: LogGroupSpec[]): Promise<ResolvedGroups> {
  if (!specs.some((s) => s.kind === "prefix")) {
    return Promise.resolve({ groups: specs.flatMap((s) => (s.kind === "name" ? [s.name] : [])), problems: [] });
  }
  if (resolver?.setting !== setting) {
    const { logs } = createAwsClients(clientSettingsFromEnv(process.env));
    resolver = { setting, resolver: new LogGroupResolver(logs, specs, { ttlMs: 5 * 60_000, maxGroupsPerPrefix: MAX_CONSOLE_GROUPS }) };
  }
  return resolver.resolver.configured();
}

let regionCache: Promise<ResolvedRegion> | null = null;

/** As the SDK resolves it (AWS_REGION, else the profile's region), else us-east-1 with a note. */
function resolveRegion(): Promise<ResolvedRegion> {
  regionCache ??= (async () => {
    const fromEnv = process.env.AWS_REGION?.trim();
    if (fromEnv && isRegion(fromEnv)) return { region: fromEnv };
    try {
      const region = fromEnv ? "" : await new CloudWatchLogsClient({}).config.region();
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
  })();
  return regionCache;
}

/**
 * aws mode: the trace in the CloudWatch console, and its logs query in Logs Insights with the log
 * groups and the time window prefilled; the query text too, for "Copy Logs Insights query".
 * The log groups are those the trace names itself, then the configured LOG_GROUPS (each `prefix*`
 * expanded through DescribeLogGroups), at most 50 (as one query takes).
 */
export const GET = jsonRoute(async (_request: Request, { params }: Context) => {
  const id = traceIdParam((await params).traceId);
  const source = awsSource();
  if (!source) {
    throw new ApiError(404, "not_available", "AWS console links exist only when Sightline reads from AWS (DATA_SOURCE=aws).");
  }
  const settings = parseAwsSourceConfig(process.env);
  let trace: Trace | null = null;
  try {
    trace = await source.getTrace(id);
  } catch {
    // X-Ray unavailable: the links still work, with the window around the ID's epoch second.
  }
  const configured = await configuredGroups(process.env.LOG_GROUPS ?? "", settings.logGroups);
  const all = [...new Set([...(trace ? logGroupsOfTrace(trace) : []), ...configured.groups])];
  const logGroups = all.slice(0, MAX_CONSOLE_GROUPS);
  const window = queryWindow(id, trace ?? undefined, settings.marginsMs);
  const query = traceLogsQuery(id);
  const { region, note } = await resolveRegion();
  return NextResponse.json({
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
  });
});

const notAllowed = methodNotAllowed("GET");
export { notAllowed as POST, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
