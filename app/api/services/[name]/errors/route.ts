import { NextResponse } from "next/server";
import { downstreamDepths } from "@/lib/analysis/dependency-breakdown";
import { groupErrors } from "@/lib/analysis/error-groups";
import { jsonRoute } from "@/lib/http/route-handler";
import { serviceRouteInput } from "@/lib/http/service-route";
import { getSource } from "@/lib/sources";
import { methodNotAllowed } from "@/lib/http/method-not-allowed";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ name: string }> };

/** Occurrences read at most: the newest of a dense window. */
const LIMIT = 5_000;

/**
 * `{ service, from, to, services, groups: ErrorGroup[], note? }`: the exceptions and ERROR log lines
 * of the service and of every service below it in the window, grouped by type and normalized message.
 */
export const GET = jsonRoute(async (request: Request, { params }: Context) => {
  const { service, window } = await serviceRouteInput(request, params);
  const source = getSource();
  const graph = await source.getServiceGraph(window);
  const services = [...downstreamDepths(graph, service).keys()];
  const { occurrences, note } = await source.getErrorOccurrences({ ...window, services, limit: LIMIT });
  return NextResponse.json({ service, from: window.from, to: window.to, services, groups: groupErrors(occurrences), ...(note ? { note } : {}) });
});

const notAllowed = methodNotAllowed("GET");
export { notAllowed as POST, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
