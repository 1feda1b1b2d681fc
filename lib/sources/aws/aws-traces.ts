/**
 * findTraces on X-Ray: GetTraceSummaries over the window, newest first.
 *
 * - X-Ray takes at most 24 hours per call: a longer window is cut into 24-hour slices, read from
 *   the newest; once the slices read hold `limit` traces, older slices cannot add newer ones.
 * - Each slice is paged with NextToken; `pageCap` bounds the pages of the whole search.
 * - `retry` wraps each page's call, not the search: a page throttled past the SDK's retries is
 *   asked again alone, and the pages already read are kept.
 * - The FilterExpression comes from xray-filter.ts only.
 */
import { GetTraceSummariesCommand, type XRayClient } from "@aws-sdk/client-xray";
import { ApiError } from "../../http/api-error";
import type { TraceSummary } from "../../model";
import { errorName, toApiError } from "./aws-errors";
import type { TraceQuery } from "../source";
import { FilterExpressionError, buildFilterExpression } from "./xray-filter";
import { traceSummariesFromXRay } from "./trace-summaries";

/** The longest window one GetTraceSummaries call takes. */
const MAX_SUMMARY_WINDOW_MS = 24 * 3_600_000;
export const DEFAULT_SUMMARY_PAGE_CAP = 10;

/** [from, to) cut into slices of at most `maxMs`, newest first. */
function splitWindow(from: number, to: number, maxMs = MAX_SUMMARY_WINDOW_MS): { from: number; to: number }[] {
  const slices: { from: number; to: number }[] = [];
  for (let end = to; end > from; end -= maxMs) slices.push({ from: Math.max(from, end - maxMs), to: end });
  return slices;
}

function filterOf(query: TraceQuery): string | undefined {
  try {
    return buildFilterExpression(query);
  } catch (error) {
    if (error instanceof FilterExpressionError) throw new ApiError(400, "invalid_filter", error.message);
    throw error;
  }
}

/** Runs one page's call, trying it again as it sees fit (throttle-retry.ts). */
export type PageRetry = <T>(load: () => Promise<T>) => Promise<T>;
const ONCE: PageRetry = (load) => load();

export async function findXRayTraces(xray: XRayClient, query: TraceQuery, pageCap: number, retry: PageRetry = ONCE): Promise<TraceSummary[]> {
  const raw = await readXRaySummaries(xray, query, pageCap, retry);
  return traceSummariesFromXRay(raw)
    .sort((a, b) => b.startTime - a.startTime)
    .slice(0, query.limit);
}

/** GetTraceSummaries' raw `TraceSummaries` of the query, one per trace ID, newest slices first. */
export async function readXRaySummaries(xray: XRayClient, query: TraceQuery, pageCap: number, retry: PageRetry = ONCE): Promise<unknown[]> {
  const filter = filterOf(query);
  const page = async (slice: { from: number; to: number }, nextToken: string | undefined) => {
    try {
      return await xray.send(
        new GetTraceSummariesCommand({
          StartTime: new Date(slice.from),
          EndTime: new Date(slice.to),
          Sampling: false,
          FilterExpression: filter,
          NextToken: nextToken,
        }),
      );
    } catch (error) {
      // With a user's raw expression, X-Ray's InvalidRequestException is about that expression.
      if (query.filterExpression && errorName(error) === "InvalidRequestException" && error instanceof Error) {
        throw new ApiError(400, "invalid_filter", `X-Ray rejected the filter expression: ${error.message.slice(0, 300)}`);
      }
      throw toApiError(error, "xray:GetTraceSummaries");
    }
  };
  const found = new Map<string, unknown>();
  let pages = 0;
  for (const slice of splitWindow(query.from, query.to)) {
    let nextToken: string | undefined;
    do {
      if (pages >= pageCap) break;
      pages += 1;
      const token = nextToken;
      const answer = await retry(() => page(slice, token));
      for (const summary of answer.TraceSummaries ?? []) if (summary.Id) found.set(summary.Id, summary);
      nextToken = answer.NextToken;
    } while (nextToken);
    if (found.size >= query.limit || pages >= pageCap) break;
  }
  return [...found.values()];
}
