/**
 * npx tsx bench/compression.ts — GET /api/traces/{id} of a 100,000-span trace (with attributes
 * and one log line per span, e2e/support/large-trace.ts) asking for identity, gzip, br and what
 * Chromium asks for: what the server sends (Content-Encoding, bytes on the wire, time to the last
 * byte on loopback) and the transfer time those bytes take over slow links. Then what gzip and
 * brotli would make of the same body (sizes and CPU time, node:zlib). The standalone server, a
 * fresh store. Prints figures; asserts nothing.
 */
import http from "node:http";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { brotliCompressSync, brotliDecompressSync, constants, gunzipSync, gzipSync } from "node:zlib";
import { startAppServer, waitForExit } from "../e2e/support/app-server";
import { buildLargeTrace } from "../e2e/support/large-trace";
import { BROTLI_PARAMS } from "../lib/http/request-observer";
import { logsRequest, tracesRequest } from "../e2e/support/otlp-json";

const PORT = 3196 + (Number(process.env.E2E_PORT_OFFSET ?? 0) || 0);
const SPANS = Number(process.env.BENCH_SPANS ?? 100_000);
const RUNS = 3;
/** Links to price the transfer on, in Mbit/s: a poor hotel Wi-Fi, a fair one, an office. */
const LINKS = [2, 10, 100];

function get(url: string, acceptEncoding: string | null): Promise<{ status: number; encoding: string; wire: Buffer; ms: number }> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    http
      .get(url, { agent: false, headers: acceptEncoding ? { "accept-encoding": acceptEncoding } : {} }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () =>
          resolve({
            status: res.statusCode ?? 0,
            encoding: String(res.headers["content-encoding"] ?? "identity"),
            wire: Buffer.concat(chunks),
            ms: performance.now() - started,
          }),
        );
        res.on("error", reject);
      })
      .on("error", reject);
  });
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const mb = (bytes: number) => (bytes / 1_000_000).toFixed(2);

async function main() {
  const dataDir = mkdtempSync(path.join(tmpdir(), "sightline-bench-compression-"));
  const server = await startAppServer(PORT, { DATA_DIR: dataDir, RETENTION_DAYS: "36500" });
  try {
    const { traceId, spans, logs } = buildLargeTrace(SPANS);
    // Attributes as an instrumented service sends them (HTTP, database, cloud resource).
    for (const [i, s] of spans.entries()) {
      s.attributes = {
        "http.request.method": "GET",
        "url.path": `/api/orders/${i % 977}`,
        "http.response.status_code": 200,
        "db.system": "postgresql",
        "db.statement": `SELECT * FROM orders WHERE id = $1 /* ${i % 113} */`,
        "cloud.region": "eu-west-1",
      };
    }
    for (let i = 0; i < spans.length; i += 2500) {
      for (const [route, body] of [
        ["/v1/traces", tracesRequest(spans.slice(i, i + 2500))],
        ["/v1/logs", logsRequest(logs.slice(i, i + 2500))],
      ] as const) {
        const res = await fetch(`${server.url}${route}`, { method: "POST", body: JSON.stringify(body), headers: { "content-type": "application/json" } });
        if (res.status !== 200) throw new Error(`${route} answered ${res.status}`);
      }
    }
    const url = `${server.url}/api/traces/${traceId}`;
    const cases: Array<[string, string | null]> = [
      ["identity (no Accept-Encoding)", null],
      ["gzip", "gzip"],
      ["br", "br"],
      ["Chromium's `gzip, deflate, br, zstd`", "gzip, deflate, br, zstd"],
    ];
    let plainBytes = 0;
    const rows: string[] = [];
    for (const [label, accept] of cases) {
      await get(url, accept); // warm: the trace is read once, then the same work each run
      const runs = [];
      for (let r = 0; r < RUNS; r++) runs.push(await get(url, accept));
      const last = runs[runs.length - 1];
      if (last.status !== 200) throw new Error(`${label}: ${last.status}`);
      const decoded = last.encoding === "br" ? brotliDecompressSync(last.wire) : last.encoding === "gzip" ? gunzipSync(last.wire) : last.wire;
      const spanCount = (JSON.parse(decoded.toString("utf8")) as { trace: { spans: unknown[] } }).trace.spans.length;
      if (spanCount !== SPANS) throw new Error(`${label}: ${spanCount} spans`);
      if (!accept) plainBytes = last.wire.length;
      const ratio = plainBytes ? (plainBytes / last.wire.length).toFixed(1) : "–";
      const links = LINKS.map((mbit) => `${((last.wire.length * 8) / (mbit * 1_000_000)).toFixed(1)} s`).join(" / ");
      rows.push(`| ${label} | ${last.encoding} | ${mb(last.wire.length)} MB | ${ratio}× | ${Math.round(median(runs.map((x) => x.ms)))} ms | ${links} |`);
    }
    console.log(`GET /api/traces/{id}, ${SPANS.toLocaleString("en")} spans, ${mb(plainBytes)} MB of JSON; median of ${RUNS} runs on loopback\n`);
    console.log(`| request | Content-Encoding | on the wire | ratio | loopback, to the last byte | transfer at ${LINKS.join(" / ")} Mbit/s |`);
    console.log("| --- | --- | --- | --- | --- | --- |");
    for (const r of rows) console.log(r);

    const body = (await get(url, null)).wire;
    const offline: Array<[string, () => Buffer]> = [
      ["gzip level 6 (the `compression` middleware's default)", () => gzipSync(body, { level: 6 })],
      ["gzip level 1", () => gzipSync(body, { level: 1 })],
      ["brotli quality 4, 256 KB window (what browsers get)", () => brotliCompressSync(body, { params: BROTLI_PARAMS })],
      [
        "brotli quality 4, 4 MB window (brotli's default)",
        () => brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 4, [constants.BROTLI_PARAM_SIZE_HINT]: body.length } }),
      ],
      [
        "brotli quality 5",
        () => brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 5, [constants.BROTLI_PARAM_SIZE_HINT]: body.length } }),
      ],
    ];
    console.log(`\nThe same ${mb(body.length)} MB body compressed here (node:zlib, one core; median of ${RUNS})\n`);
    console.log(`| encoding | size | ratio | CPU time | transfer at ${LINKS.join(" / ")} Mbit/s |`);
    console.log("| --- | --- | --- | --- | --- |");
    for (const [label, run] of offline) {
      const times: number[] = [];
      let out: Buffer = Buffer.alloc(0);
      for (let r = 0; r < RUNS; r++) {
        const t = performance.now();
        out = run();
        times.push(performance.now() - t);
      }
      const links = LINKS.map((mbit) => `${((out.length * 8) / (mbit * 1_000_000)).toFixed(1)} s`).join(" / ");
      console.log(`| ${label} | ${mb(out.length)} MB | ${(body.length / out.length).toFixed(1)}× | ${Math.round(median(times))} ms | ${links} |`);
    }
  } finally {
    server.process.kill("SIGTERM");
    await waitForExit(server.process);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
