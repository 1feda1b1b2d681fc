import { NextResponse } from "next/server";
import { config } from "@/lib/config";
import { jsonRoute } from "@/lib/http/route-handler";
import { parseWindow } from "@/lib/http/query-params";
import { getSource } from "@/lib/sources";
import { methodNotAllowed } from "@/lib/http/method-not-allowed";

export const dynamic = "force-dynamic";

export const GET = jsonRoute(async (request: Request) => {
  const params = new URL(request.url).searchParams;
  const window = parseWindow(params, { now: Date.now(), maxWindowMs: config().maxWindowMs, defaultSpanMs: 3_600_000 });
  return NextResponse.json(await getSource().getServiceGraph(window));
});

const notAllowed = methodNotAllowed("GET");
export { notAllowed as POST, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
