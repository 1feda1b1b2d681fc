import { jsonRoute } from "@/lib/http/route-handler";
import { methodNotAllowed } from "@/lib/http/method-not-allowed";
import { renderMetrics } from "@/lib/metrics/render";

export const dynamic = "force-dynamic";

/** Prometheus text format; behind AUTH_MODE like the API (proxy.ts). METRICS_PORT serves the same without it. */
export const GET = jsonRoute(async () => {
  const { contentType, body } = await renderMetrics();
  return new Response(body, { headers: { "content-type": contentType, "cache-control": "no-store" } });
});

const notAllowed = methodNotAllowed("GET");
export { notAllowed as POST, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
