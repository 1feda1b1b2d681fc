/**
 * npx tsx bench/outline-responsiveness.ts — does the server keep answering while a large trace's
 * outline is built for a search? Ingests a trace of issue 14's shape (BENCH_RESPONSIVE_SPANS,
 * default 1,000,000) into a fresh store through the production server, waits for its stored outline
 * (the unfiltered view's rows come from it), then restarts the server (nothing held in memory) and,
 * while `GET /api/health` is asked every 25 ms over keep-alive, searches the trace
 * (`GET …/rows?q=op-7`: the outline must be read and built first), then asks for the next failure
 * (the outline now held). Prints the search's and the find's times, and the health probes' p50, p99
 * and max and the longest time without an answer during the search.
 *
 * BENCH_RESPONSIVE_BASELINE=<server.js of another assembled build> runs the same on that build too
 * (same store, one after the other, this build first); BENCH_RESPONSIVE_DATA_DIR=<the store a run
 * printed> skips the ingest. Asserts nothing.
 */
import http from "node:http";
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { startAppServer, waitForExit, type AppServer } from "../e2e/support/app-server";
import { buildShapedTrace, ingestShapedTrace } from "../e2e/support/shaped-trace";

const SPANS = Number(process.env.BENCH_RESPONSIVE_SPANS ?? 1_000_000);
const BASELINE = process.env.BENCH_RESPONSIVE_BASELINE;
const PORT = 3193 + (Number(process.env.E2E_PORT_OFFSET ?? 0) || 0);
const PROBE_MS = 25;

/** The status, or 0 when the connection failed (a server that stalls past its keep-alive timeout resets idle sockets). */
function get(agent: http.Agent, url: string): Promise<number> {
  return new Promise((resolve) => {
    http
      .get(url, { agent }, (res) => {
        res.resume();
        res.on("end", () => resolve(res.statusCode ?? 0));
      })
      .on("error", () => resolve(0));
  });
}

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((sorted.length - 1) * p))] ?? NaN;
const ms = (v: number) => `${v.toFixed(1)} ms`;

async function measure(label: string, server: AppServer, traceId: string): Promise<void> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const probes: { at: number; ms: number; ok: boolean }[] = [];
  let probing = true;
  const prober = (async () => {
    while (probing) {
      const t = performance.now();
      const ok = (await get(agent, `${server.url}/api/health`)) === 200;
      probes.push({ at: t, ms: performance.now() - t, ok });
      await new Promise((r) => setTimeout(r, PROBE_MS));
    }
  })();
  await new Promise((r) => setTimeout(r, 500));
  const searchAgent = new http.Agent({ keepAlive: true });
  const t0 = performance.now();
  const status = await get(searchAgent, `${server.url}/api/traces/${traceId}/rows?q=op-7&offset=0&limit=200`);
  const t1 = performance.now();
  const findStatus = await get(searchAgent, `${server.url}/api/traces/${traceId}/find?kind=failure&direction=next`);
  const t2 = performance.now();
  await new Promise((r) => setTimeout(r, 500));
  probing = false;
  await prober;
  agent.destroy();
  searchAgent.destroy();
  const during = probes.filter((p) => p.at >= t0 && p.at <= t1);
  const sorted = during.map((p) => p.ms).sort((a, b) => a - b);
  // The longest stretch without an answer: a probe's own time plus the wait before the next one started.
  let gap = 0;
  for (let i = 1; i < probes.length; i++) if (probes[i].at >= t0 && probes[i - 1].at <= t1) gap = Math.max(gap, probes[i].at + probes[i].ms - probes[i - 1].at);
  console.log(
    `${label}: search ${status} in ${ms(t1 - t0)}, then Next failure ${findStatus} in ${ms(t2 - t1)}; ` +
      `health during the search: ${during.length} asked, ${during.filter((p) => !p.ok).length} failed, p50 ${ms(pct(sorted, 0.5))}, p99 ${ms(pct(sorted, 0.99))}, max ${ms(sorted.at(-1) ?? NaN)}; ` +
      `longest without an answer ${ms(gap)}; load ${os.loadavg()[0].toFixed(1)}`,
  );
}

/** The trace of a store this bench filled before (BENCH_RESPONSIVE_DATA_DIR). */
function onlyTrace(dataDir: string): string {
  const db = new Database(path.join(dataDir, "sightline.db"), { readonly: true });
  try {
    return (
      db.prepare("SELECT t.trace_id FROM trace_outlines o JOIN traces t USING (trace_key) ORDER BY o.span_count DESC LIMIT 1").get() as { trace_id: string }
    ).trace_id;
  } finally {
    db.close();
  }
}

async function withServer<T>(dataDir: string, serverJs: string | undefined, run: (server: AppServer) => Promise<T>): Promise<T> {
  const server = await startAppServer(PORT, { DATA_DIR: dataDir, RETENTION_DAYS: "36500" }, "127.0.0.1", serverJs);
  try {
    return await run(server);
  } finally {
    server.process.kill("SIGTERM");
    await waitForExit(server.process);
  }
}

(async () => {
  const reuse = process.env.BENCH_RESPONSIVE_DATA_DIR;
  const dataDir = reuse ?? mkdtempSync(path.join(os.tmpdir(), "sl-responsive-"));
  console.log(`store: ${dataDir}${reuse ? " (reused)" : ""}`);
  const trace = reuse ? { traceId: onlyTrace(dataDir) } : buildShapedTrace(SPANS, { logEvery: 100 });
  if (!reuse)
    await withServer(dataDir, undefined, async (server) => {
      const t = Date.now();
      await ingestShapedTrace(server.url, trace as ReturnType<typeof buildShapedTrace>);
      console.log(`ingested ${SPANS} spans in ${((Date.now() - t) / 1000).toFixed(1)} s`);
      const db = new Database(path.join(dataDir, "sightline.db"), { readonly: true });
      try {
        for (
          let waited = 0;
          !db.prepare("SELECT 1 FROM trace_outlines o JOIN traces t USING (trace_key) WHERE t.trace_id = ? AND o.span_count = t.span_count").get(trace.traceId);
          waited += 2000
        ) {
          if (waited > 600_000) throw new Error("the outline was not stored within 10 minutes");
          await new Promise((r) => setTimeout(r, 2000));
        }
      } finally {
        db.close();
      }
      console.log(`outline stored ${((Date.now() - t) / 1000).toFixed(1)} s after the ingest started`);
    });
  await withServer(dataDir, undefined, (server) => measure("this build", server, trace.traceId));
  if (BASELINE) await withServer(dataDir, BASELINE, (server) => measure("baseline", server, trace.traceId));
})().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
