/**
 * Sends the ~110-service fleet of e2e/support/service-fleet.ts to a running Sightline over
 * OTLP/HTTP JSON, to look at /map with a hundred services:
 *
 *   npx tsx scripts/seed-service-fleet.ts http://127.0.0.1:3000 [traces]
 */
import { tracesRequest } from "../e2e/support/otlp-json";
import { fleetSpans } from "../e2e/support/service-fleet";

async function main() {
  const base = process.argv[2] ?? "http://127.0.0.1:3000";
  const traces = Number(process.argv[3] ?? 400);
  const { fleet, spans } = fleetSpans({ traces });
  for (let i = 0; i < spans.length; i += 2000) {
    const res = await fetch(`${base}/v1/traces`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(tracesRequest(spans.slice(i, i + 2000))),
    });
    if (!res.ok) throw new Error(`POST /v1/traces: HTTP ${res.status} ${await res.text()}`);
  }
  console.log(`sent ${spans.length} spans of ${traces} traces through ${fleet.services.length} services to ${base}`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
