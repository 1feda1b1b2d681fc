import { NextResponse } from "next/server";
import { requesterOf } from "@/lib/auth/identity-headers";
import { jsonRoute } from "@/lib/http/route-handler";
import { windowedTrace } from "@/lib/http/trace-outline-cache";
import { traceIdParam } from "@/lib/http/trace-id-param";
import { methodNotAllowed } from "@/lib/http/method-not-allowed";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ traceId: string }> };

/** A large trace's header facts, service map and minimap (the rows come from …/rows). */
export const GET = jsonRoute(async (request: Request, { params }: Context) => {
  const trace = await windowedTrace(traceIdParam((await params).traceId), requesterOf(request.headers));
  return NextResponse.json(await trace.summary());
});

const notAllowed = methodNotAllowed("GET");
export { notAllowed as POST, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
