import { NextResponse } from "next/server";
import { jsonRoute } from "@/lib/http/route-handler";
import { serviceRouteInput } from "@/lib/http/service-route";
import { parseStep } from "@/lib/http/step-param";
import { getSource } from "@/lib/sources";
import { methodNotAllowed } from "@/lib/http/method-not-allowed";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ name: string }> };

/** `{ series: { t, requests, errors, faults, throttles, p50Ms, p99Ms }[], histogram: { leMs, count }[] }` */
export const GET = jsonRoute(async (request: Request, { params }: Context) => {
  const { service, window, query } = await serviceRouteInput(request, params);
  const stepMs = parseStep(query, window);
  const stats = await getSource().getServiceStats(service, window, stepMs);
  return NextResponse.json({ service, from: window.from, to: window.to, stepMs, ...stats });
});

const notAllowed = methodNotAllowed("GET");
export { notAllowed as POST, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
