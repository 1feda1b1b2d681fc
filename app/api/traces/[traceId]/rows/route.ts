import { NextResponse } from "next/server";
import { requesterOf } from "@/lib/auth/identity-headers";
import { parseOutlineView, parseRowWindow } from "@/lib/http/outline-params";
import { jsonRoute } from "@/lib/http/route-handler";
import { windowedTrace } from "@/lib/http/trace-outline-cache";
import { traceIdParam } from "@/lib/http/trace-id-param";
import { methodNotAllowed } from "@/lib/http/method-not-allowed";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ traceId: string }> };

/** A window of a trace's Gantt rows under a view (search, service filter, folded spans). */
export const GET = jsonRoute(async (request: Request, { params }: Context) => {
  const id = traceIdParam((await params).traceId);
  const query = new URL(request.url).searchParams;
  const view = parseOutlineView(query);
  const { offset, limit } = parseRowWindow(query);
  const trace = await windowedTrace(id, requesterOf(request.headers));
  return NextResponse.json(await trace.rows(view, offset, limit));
});

const notAllowed = methodNotAllowed("GET");
export { notAllowed as POST, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
