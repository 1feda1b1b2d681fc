import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { startAppServer } from "/work/main/e2e/support/app-server";
import { logsRequest, tracesRequest } from "/work/main/e2e/support/otlp-json";
import { buildShapedTrace } from "/work/main/e2e/support/shaped-trace";

const N = Number(process.env.N ?? 1_000_000);
async function post(url: string, body: unknown) {
  const res = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  if (res.status !== 200) throw new Error(`${res.status}`);
}
async function timed(label: string, url: string) {
  const t = performance.now();
  const res = await fetch(url);
  const text = await res.text();
  console.log(`${label}: ${res.status} ${(performance.now() - t).toFixed(0)} ms, ${(text.length / 1e6).toFixed(2)} MB`);
  return text;
}
(async () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), "diag-million-"));
  const server = await startAppServer(3961, { DATA_DIR: dataDir, RETENTION_DAYS: "36500" });
  let t = performance.now();
  const big = buildShapedTrace(N, { logEvery: 100 });
  console.log(`built ${big.spans.length} spans in ${(performance.now() - t).toFixed(0)} ms`);
  t = performance.now();
  const chunks: number[] = [];
  for (let i = 0; i < big.spans.length; i += 5000) chunks.push(i);
  const send = async () => { for (let i = chunks.shift(); i !== undefined; i = chunks.shift()) await post(`${server.url}/v1/traces`, tracesRequest(big.spans.slice(i, i + 5000))); };
  await Promise.all([send(), send()]);
  await post(`${server.url}/v1/logs`, logsRequest(big.logs));
  console.log(`ingested in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  await timed("page (cold)", `${server.url}/trace/${big.traceId}`);
  await timed("page (warm)", `${server.url}/trace/${big.traceId}`);
  await timed("outline", `${server.url}/api/traces/${big.traceId}/outline`);
  await timed("rows 0", `${server.url}/api/traces/${big.traceId}/rows?offset=0&limit=200`);
  await timed("rows end", `${server.url}/api/traces/${big.traceId}/rows?offset=999800&limit=200`);
  await timed("search", `${server.url}/api/traces/${big.traceId}/rows?q=op-5%20900000`);
  await timed("find failure", `${server.url}/api/traces/${big.traceId}/find?kind=failure`);
  await timed("logs", `${server.url}/api/traces/${big.traceId}/logs`);
  console.log(`server rss: ${(await import("node:fs")).readFileSync(`/proc/${server.process.pid}/status`, "utf8").match(/VmRSS:\s+(\d+)/)![1]} kB`);
  if (process.env.KEEP) { console.log(server.url, big.traceId); await new Promise(() => {}); }
  server.process.kill("SIGKILL");
})();
