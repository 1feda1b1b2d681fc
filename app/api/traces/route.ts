import { NextResponse } from "next/server";
import { config } from "@/lib/config";
import { jsonRoute } from "@/lib/http/route-handler";
import { ApiError } from "@/lib/http/api-error";
import { parseAttributeFilters, parseDurationRange, parseLimit, parseOperation, parseService, parseStatus, parseWindow } from "@/lib/http/query-params";
import { parsePivotFilters } from "@/lib/http/pivot-params";
import { getSource } from "@/lib/sources";
import { methodNotAllowed } from "@/lib/http/method-not-allowed";

export const dynamic = "force-dynamic";

export const GET = jsonRoute(async (request: Request) => {
  const params = new URL(request.url).searchParams;
  const window = parseWindow(params, { now: Date.now(), maxWindowMs: config().maxWindowMs, defaultSpanMs: 3_600_000 });
  const source = getSource();
  const filterExpression = params.get("filter") ?? undefined;
  if (filterExpression !== undefined && !source.capabilities.filterExpressions) {
    throw new ApiError(400, "invalid_filter", "filter: X-Ray filter expressions need DATA_SOURCE=aws; use service, minDurationMs and status here");
  }
  const query = {
    ...window,
    service: parseService(params),
    operation: parseOperation(params),
    ...parseDurationRange(params),
    status: parseStatus(params),
    attributes: parseAttributeFilters(params),
    ...parsePivotFilters(params),
    filterExpression,
    limit: parseLimit(params, 100, 1000),
  };
  return NextResponse.json({ traces: await source.findTraces(query) });
});

const notAllowed = methodNotAllowed("GET");
export { notAllowed as POST, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
