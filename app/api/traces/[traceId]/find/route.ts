import { NextResponse } from "next/server";
import { requesterOf } from "@/lib/auth/identity-headers";
import { parseFind, parseOutlineView } from "@/lib/http/outline-params";
import { jsonRoute } from "@/lib/http/route-handler";
import { windowedTrace } from "@/lib/http/trace-outline-cache";
import { traceIdParam } from "@/lib/http/trace-id-param";
import { methodNotAllowed } from "@/lib/http/method-not-allowed";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ traceId: string }> };

/**
 * The next (or previous) failing span, or span matching the search `q`, after the span `from`,
 * over the whole trace (folded subtrees too): the span and its row once unfolded; `span: null`
 * when there is none.
 */
export const GET = jsonRoute(async (request: Request, { params }: Context) => {
  const id = traceIdParam((await params).traceId);
  const query = new URL(request.url).searchParams;
  const view = parseOutlineView(query);
  const find = parseFind(query);
  const trace = await windowedTrace(id, requesterOf(request.headers));
  return NextResponse.json((await trace.find(view, find)) ?? { span: null });
});

const notAllowed = methodNotAllowed("GET");
export { notAllowed as POST, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
