import { NextResponse } from "next/server";
import { requesterOf } from "@/lib/auth/identity-headers";
import { jsonRoute } from "@/lib/http/route-handler";
import { requireTrace } from "@/lib/http/require-trace";
import { traceIdParam } from "@/lib/http/trace-id-param";
import { methodNotAllowed } from "@/lib/http/method-not-allowed";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ traceId: string }> };

export const GET = jsonRoute(async (request: Request, { params }: Context) => {
  const trace = await requireTrace(traceIdParam((await params).traceId), requesterOf(request.headers));
  return NextResponse.json({ trace });
});

const notAllowed = methodNotAllowed("GET");
export { notAllowed as POST, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
