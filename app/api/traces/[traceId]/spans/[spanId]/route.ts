import { NextResponse } from "next/server";
import { requesterOf } from "@/lib/auth/identity-headers";
import { ApiError } from "@/lib/http/api-error";
import { parseOutlineView, parseSpanId } from "@/lib/http/outline-params";
import { jsonRoute } from "@/lib/http/route-handler";
import { windowedTrace } from "@/lib/http/trace-outline-cache";
import { traceIdParam } from "@/lib/http/trace-id-param";
import { methodNotAllowed } from "@/lib/http/method-not-allowed";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ traceId: string; spanId: string }> };

/** One span of a trace, whole, with its row in the view once its folded ancestors are unfolded. */
export const GET = jsonRoute(async (request: Request, { params }: Context) => {
  const p = await params;
  const id = traceIdParam(p.traceId);
  const spanId = parseSpanId("spanId", decodeURIComponent(p.spanId));
  const view = parseOutlineView(new URL(request.url).searchParams);
  const location = await (await windowedTrace(id, requesterOf(request.headers))).locate(view, spanId);
  if (!location) throw new ApiError(404, "span_not_found", `Trace ${id.hex} has no span ${spanId}.`);
  return NextResponse.json(location);
});

const notAllowed = methodNotAllowed("GET");
export { notAllowed as POST, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
