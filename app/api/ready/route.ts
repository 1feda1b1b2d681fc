import { NextResponse } from "next/server";
import { jsonRoute } from "@/lib/http/route-handler";
import { methodNotAllowed } from "@/lib/http/method-not-allowed";
import { readiness } from "@/lib/readiness/readiness";

export const dynamic = "force-dynamic";

/** 200 when this replica can serve, 503 when not (a load balancer then sends it no traffic). */
export const GET = jsonRoute(async () => {
  const r = await readiness();
  return NextResponse.json({ status: r.ready ? "ready" : "not_ready", ...r }, { status: r.ready ? 200 : 503, headers: { "Cache-Control": "no-store" } });
});

const notAllowed = methodNotAllowed("GET");
export { notAllowed as POST, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
