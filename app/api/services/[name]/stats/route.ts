import { NextResponse } from "next/server";
import { config } from "@/lib/config";
import { ApiError } from "@/lib/http/api-error";
import { parseService, parseWindow } from "@/lib/http/query-params";
import { jsonRoute } from "@/lib/http/route-handler";
import { parseStep } from "@/lib/http/step-param";
import { getSource } from "@/lib/sources";
import { methodNotAllowed } from "@/lib/http/method-not-allowed";

export const dynamic = "force-dynamic";

/** The path segment, percent-decoded once (a malformed escape is left as is and rejected by parseService). */
function decodeName(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

type Context = { params: Promise<{ name: string }> };

/** `{ series: { t, requests, errors, faults, throttles, p50Ms, p99Ms }[], histogram: { leMs, count }[] }` */
export const GET = jsonRoute(async (request: Request, { params }: Context) => {
  const query = new URL(request.url).searchParams;
  const service = parseService(new URLSearchParams({ service: decodeName((await params).name) }));
  if (service === undefined) throw new ApiError(400, "invalid_service", "service: the path must name a service");
  const window = parseWindow(query, { now: Date.now(), maxWindowMs: config().maxWindowMs, defaultSpanMs: 3_600_000 });
  const stepMs = parseStep(query, window);
  const stats = await getSource().getServiceStats(service, window, stepMs);
  return NextResponse.json({ service, from: window.from, to: window.to, stepMs, ...stats });
});

const notAllowed = methodNotAllowed("GET");
export { notAllowed as POST, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
