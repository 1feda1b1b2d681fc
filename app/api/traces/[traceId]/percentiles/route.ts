import { NextResponse } from "next/server";
import { jsonRoute } from "@/lib/http/route-handler";
import { requireTrace } from "@/lib/http/require-trace";
import { traceIdParam } from "@/lib/http/trace-id-param";
import { methodNotAllowed } from "@/lib/http/method-not-allowed";
import { BAND_WINDOW_MS, operationKeys, type OperationPercentilesResult } from "@/lib/analysis/operation-percentiles";
import { getSource } from "@/lib/sources";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ traceId: string }> };

/** p50/p99 of each of the trace's operations over the hour before it (the per-span percentile band). */
export const GET = jsonRoute(async (_request: Request, { params }: Context) => {
  const trace = await requireTrace(traceIdParam((await params).traceId));
  const window = { from: trace.startTime - BAND_WINDOW_MS, to: trace.startTime };
  const keys = operationKeys(trace.spans);
  const source = getSource();
  const answer = source.getOperationPercentiles
    ? await source.getOperationPercentiles(window, keys)
    : { operations: [], unknown: keys, note: "This source cannot tell operations' percentiles." };
  const body: OperationPercentilesResult = { ...window, ...answer };
  return NextResponse.json(body);
});

const notAllowed = methodNotAllowed("GET");
export { notAllowed as POST, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
