/**
 * Seeds the app's embedded store over OTLP/JSON with `count` copies of the known trace
 * (e2e/support/known-trace.ts: 6 spans, 5 log lines each, new IDs every time), spread over the
 * last `spreadMs`.
 */
import { buildKnownTrace, type KnownTrace } from "../../../e2e/support/known-trace";
import { logsRequest, tracesRequest } from "../../../e2e/support/otlp-json";

const PER_REQUEST = 50;

async function post(url: string, body: unknown): Promise<void> {
  const res = await fetch(url, { method: "POST", body: JSON.stringify(body), headers: { "content-type": "application/json" } });
  if (res.status !== 200) throw new Error(`seeding ${url} answered ${res.status}: ${(await res.text()).slice(0, 200)}`);
}

export async function seedLocalTraces(base: string, count: number, spreadMs = 50 * 60_000): Promise<KnownTrace[]> {
  const now = Date.now();
  const traces = Array.from({ length: count }, (_, i) => buildKnownTrace(now - 5 * 60_000 - (spreadMs * i) / count));
  for (let i = 0; i < traces.length; i += PER_REQUEST) {
    const chunk = traces.slice(i, i + PER_REQUEST);
    await post(`${base}/v1/traces`, tracesRequest(chunk.flatMap((t) => t.spans)));
    await post(`${base}/v1/logs`, logsRequest(chunk.flatMap((t) => t.logs)));
  }
  return traces;
}
