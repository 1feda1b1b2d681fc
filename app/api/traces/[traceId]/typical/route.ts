import { NextResponse } from "next/server";
import { jsonRoute } from "@/lib/http/route-handler";
import { requireTrace } from "@/lib/http/require-trace";
import { traceIdParam } from "@/lib/http/trace-id-param";
import { ApiError } from "@/lib/http/api-error";
import { methodNotAllowed } from "@/lib/http/method-not-allowed";
import { indexSpans, pickRoot } from "@/lib/analysis/span-index";
import { pickTypical } from "@/lib/analysis/typical-trace";
import { getSource } from "@/lib/sources";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ traceId: string }> };

const HOUR_MS = 3_600_000;

/** The trace of the same root service and operation closest to their median duration in the hour before this one. */
export const GET = jsonRoute(async (_request: Request, { params }: Context) => {
  const trace = await requireTrace(traceIdParam((await params).traceId));
  const root = pickRoot(indexSpans(trace.spans).roots);
  if (!root) throw new ApiError(404, "no_root_span", "The trace has no spans, so it has no root operation to compare by.");
  const window = { from: trace.startTime - HOUR_MS, to: trace.startTime };
  const candidates = await getSource().findTraces({ ...window, service: root.service, operation: root.name, limit: 1000 });
  const pick = pickTypical(candidates, root.service, root.name, trace.traceId);
  if (!pick) {
    throw new ApiError(404, "no_typical_trace", `No other trace of ${root.service} ${root.name} in the hour before this one to compare with.`);
  }
  return NextResponse.json({ ...pick, rootService: root.service, rootName: root.name, window });
});

const notAllowed = methodNotAllowed("GET");
export { notAllowed as POST, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
