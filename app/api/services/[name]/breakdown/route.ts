import { NextResponse } from "next/server";
import { dependencyBreakdown } from "@/lib/analysis/dependency-breakdown";
import { jsonRoute } from "@/lib/http/route-handler";
import { baselineOf, serviceRouteInput } from "@/lib/http/service-route";
import { getSource } from "@/lib/sources";
import { methodNotAllowed } from "@/lib/http/method-not-allowed";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ name: string }> };

/**
 * `{ service, from, to, baseline: { from, to }, rows: BreakdownRow[] }`: every downstream call of the
 * service and of the services below it, in the window against the equal span before it, worst first.
 */
export const GET = jsonRoute(async (request: Request, { params }: Context) => {
  const { service, window } = await serviceRouteInput(request, params);
  const baseline = baselineOf(window);
  const source = getSource();
  const [now, before] = await Promise.all([source.getServiceGraph(window), source.getServiceGraph(baseline)]);
  const rows = dependencyBreakdown(service, now, before);
  return NextResponse.json({ service, from: window.from, to: window.to, baseline, rows });
});

const notAllowed = methodNotAllowed("GET");
export { notAllowed as POST, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
