/**
 * GetTraceSummaries `TraceSummaries[]` → the model's TraceSummary list.
 *
 * - rootService: `EntryPoint.Name`, else the first `ServiceIds` name, else the HTTP URL's host.
 * - rootName: `METHOD /path` of the summary's `Http`, else the root service.
 * - status: the worst of HasFault / HasThrottle / HasError (fault > throttle > error > ok).
 * - startTime: `StartTime` (a Date from the SDK, or epoch seconds in raw JSON), else the ID's
 *   epoch second.
 * - spanCount: 0, meaning "not known". A summary does not count segments, and the length of
 *   `ServiceIds` counts services, not spans: showing it as a span count would be wrong.
 *
 * Summaries without a valid `Id` are skipped; nothing here throws.
 */
import { type SpanStatus, type TraceSummary, worstStatus } from "../../model";
import { parseTraceId } from "../../trace-id";
import { type JsonRecord, arrayAt, isRecord, numberAt, recordAt, stringAt } from "../../json-value";
import { secondsToMs } from "./xray-time";

function urlParts(url: string | null): { host: string; path: string } | null {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    return { host: parsed.host, path: parsed.pathname };
  } catch {
    return null;
  }
}

function rootServiceOf(summary: JsonRecord, host: string | null): string {
  const entryPoint = recordAt(summary, "EntryPoint");
  const firstService = arrayAt(summary, "ServiceIds").find(isRecord);
  return (entryPoint && stringAt(entryPoint, "Name")) ?? (firstService && stringAt(firstService, "Name")) ?? host ?? "unknown";
}

function statusOf(summary: JsonRecord): SpanStatus {
  let status: SpanStatus = "ok";
  if (summary.HasError === true) status = worstStatus(status, "error");
  if (summary.HasThrottle === true) status = worstStatus(status, "throttle");
  if (summary.HasFault === true) status = worstStatus(status, "fault");
  return status;
}

function startTimeOf(summary: JsonRecord, epochSeconds: number): number {
  const start = summary.StartTime;
  if (start instanceof Date && Number.isFinite(start.getTime())) return start.getTime();
  const seconds = numberAt(summary, "StartTime");
  return seconds !== null && seconds > 0 ? secondsToMs(seconds) : epochSeconds * 1000;
}

function toSummary(summary: JsonRecord): TraceSummary | null {
  const parsed = parseTraceId(stringAt(summary, "Id") ?? "");
  if (!parsed.ok) return null;
  const http = recordAt(summary, "Http");
  const url = urlParts(http && stringAt(http, "HttpURL"));
  const method = http && stringAt(http, "HttpMethod");
  const rootService = rootServiceOf(summary, url?.host ?? null);
  const rootName = [method, url?.path].filter(Boolean).join(" ") || rootService;
  const duration = numberAt(summary, "Duration");
  const httpStatus = http && numberAt(http, "HttpStatus");
  return {
    traceId: parsed.id.hex,
    xrayTraceId: parsed.id.xray,
    startTime: startTimeOf(summary, parsed.id.epochSeconds),
    durationMs: duration !== null && duration >= 0 ? secondsToMs(duration) : 0,
    rootService,
    rootName,
    status: statusOf(summary),
    spanCount: 0,
    httpStatus: httpStatus !== null && Number.isInteger(httpStatus) && httpStatus >= 100 && httpStatus <= 599 ? httpStatus : null,
  };
}

export function traceSummariesFromXRay(summaries: readonly unknown[]): TraceSummary[] {
  return summaries
    .filter(isRecord)
    .map(toSummary)
    .filter((s): s is TraceSummary => s !== null);
}
