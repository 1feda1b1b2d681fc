import { NextResponse } from "next/server";
import { attributeDivergence, type DivergenceMode } from "@/lib/analysis/attribute-divergence";
import { versionChanges } from "@/lib/analysis/version-changes";
import { ApiError } from "@/lib/http/api-error";
import { jsonRoute } from "@/lib/http/route-handler";
import { baselineOf, serviceRouteInput } from "@/lib/http/service-route";
import { getSource } from "@/lib/sources";
import { methodNotAllowed } from "@/lib/http/method-not-allowed";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ name: string }> };

/** Traces read per set and status: enough for shares to the percent, bounded in cost. */
const SAMPLE = 500;
const MODES: readonly DivergenceMode[] = ["failing", "slow"];

/**
 * `{ service, from, to, baseline, divergence: Divergence, changes: VersionChange[] }`: the attribute
 * values the window's failing (`mode=failing`, default) or slow (`mode=slow`: over the baseline's
 * p95) traces through the service carry more often than the rest, and the version changes seen.
 */
export const GET = jsonRoute(async (request: Request, { params }: Context) => {
  const { service, window, query } = await serviceRouteInput(request, params);
  const mode = (query.get("mode") ?? "failing") as DivergenceMode;
  if (!MODES.includes(mode)) throw new ApiError(400, "invalid_mode", `mode: must be one of ${MODES.join(", ")}, got "${String(mode).slice(0, 40)}"`);
  const baseline = baselineOf(window);
  const source = getSource();
  const [now, before] = await Promise.all([
    source.getTraceFacets({ service, ...window, limit: SAMPLE }),
    source.getTraceFacets({ service, ...baseline, limit: SAMPLE }),
  ]);
  return NextResponse.json({
    service,
    from: window.from,
    to: window.to,
    baseline,
    divergence: attributeDivergence(now, before, mode),
    changes: versionChanges([...before, ...now], window),
  });
});

const notAllowed = methodNotAllowed("GET");
export { notAllowed as POST, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
