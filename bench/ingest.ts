/**
 * npm run bench:ingest — OTLP protobuf ingest throughput (batches of 512 spans, 4 concurrent
 * senders) and GET /api/traces/{id} latency with 1,000,000 spans stored, against the production
 * build over loopback. Prints figures; asserts nothing. BENCH_TRACE_GC=1 has the server print each
 * garbage collection (a preloaded PerformanceObserver) and reports the ones during the lookups.
 *
 * Throughput is measured after a warm-up of WARM_BATCHES (printed too): a server just started
 * runs its first tens of thousands of spans at about half speed (JIT, the young generation growing
 * to its size, SQLite's cache), which a long-running ingest never sees again. The senders use
 * node:http with keep-alive, as lean as an exporter: fetch (undici) cost the bench 3–4 ms of CPU
 * a request on the same 2 cores as the server.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { type AppServer, startAppServer, waitForExit } from "../e2e/support/app-server";
import { encodeBatch, SPANS_PER_BATCH, type EncodedBatch } from "./otlp-batches";
import { percentileSorted } from "../lib/analysis/percentile";

const PORT = 3199;
const SENDERS = 4;
const WARM_BATCHES = 300;
const THROUGHPUT_BATCHES = 600;
const TARGET_SPANS = Number(process.env.BENCH_TOTAL_SPANS ?? 1_000_000);
const LOOKUPS = 1000;
const DATA_DIR = path.resolve(__dirname, "results/ingest-data");

let lastServer: AppServer | undefined;

const agent = new http.Agent({ keepAlive: true, maxSockets: SENDERS });

function post(url: URL, body: Uint8Array): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: url.hostname,
        port: url.port,
        path: "/v1/traces",
        method: "POST",
        agent,
        headers: { "content-type": "application/x-protobuf", "content-length": body.byteLength },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => (res.statusCode === 200 ? resolve() : reject(new Error(`ingest answered ${res.statusCode}: ${Buffer.concat(chunks).toString()}`))));
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

async function send(url: URL, batch: EncodedBatch, retried = false): Promise<void> {
  try {
    await post(url, batch.body);
  } catch (err) {
    // A keep-alive connection the server closed while this process encoded the next chunk (seconds
    // on a loaded machine): send again, once, on a new one. A re-sent span is not stored twice.
    if (!retried && (err as { code?: string }).code === "ECONNRESET") return send(url, batch, true);
    throw err;
  }
}

async function drain(url: string, batches: EncodedBatch[]): Promise<void> {
  const target = new URL(url);
  let next = 0;
  const worker = async () => {
    while (next < batches.length) await send(target, batches[next++]);
  };
  await Promise.all(Array.from({ length: SENDERS }, worker));
}

/** CPU milliseconds used so far by each thread of process `pid` (Linux /proc), by thread ID. */
function threadCpuMs(pid: number): Map<number, number> {
  const ticks = new Map<number, number>();
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    try {
      const fields = readFileSync(`/proc/${pid}/task/${tid}/stat`, "utf8").split(") ")[1].split(" ");
      ticks.set(Number(tid), (Number(fields[11]) + Number(fields[12])) * (1000 / 100));
    } catch {
      // the thread ended between the listing and the read
    }
  }
  return ticks;
}

/** Timed ingest of `batches`: spans/s, and CPU a batch of the server (its main thread apart) and of this process. */
async function measure(label: string, server: AppServer, batches: EncodedBatch[]): Promise<void> {
  const pid = server.process.pid!;
  const before = threadCpuMs(pid);
  const ownBefore = process.cpuUsage();
  const t0 = performance.now();
  await drain(server.url, batches);
  const seconds = (performance.now() - t0) / 1000;
  const after = threadCpuMs(pid);
  const own = process.cpuUsage(ownBefore);
  let total = 0;
  for (const [tid, ms] of after) total += ms - (before.get(tid) ?? 0);
  const main = (after.get(pid) ?? 0) - (before.get(pid) ?? 0);
  const spans = batches.length * SPANS_PER_BATCH;
  const perBatch = (ms: number) => (ms / batches.length).toFixed(1);
  console.log(
    `${label}: ${spans} spans in ${seconds.toFixed(2)} s = ${Math.round(spans / seconds)} spans/s (protobuf, ${SPANS_PER_BATCH}-span batches, ${SENDERS} senders); CPU a batch: server ${perBatch(total)} ms (request thread ${perBatch(main)}, other threads ${perBatch(total - main)}), senders ${perBatch((own.user + own.system) / 1000)} ms; load ${os.loadavg()[0].toFixed(1)}`,
  );
}

async function main() {
  rmSync(DATA_DIR, { recursive: true, force: true });
  const traceGc = process.env.BENCH_TRACE_GC === "1";
  const server = await startAppServer(PORT, {
    DATA_DIR,
    RETENTION_DAYS: "36500",
    STORE_MAX_MB: "100000",
    ...(traceGc ? { NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ""} --require ${gcLogger()}`.trim() } : {}),
  });
  lastServer = server;
  const sampleIds: string[] = [];
  try {
    const now = Date.now() - 3_600_000;
    const warm = Array.from({ length: WARM_BATCHES }, (_, i) => encodeBatch(now + i));
    // Encoded before the warm-up: encoding them takes seconds on a busy machine, long enough for
    // the server to close the warm-up's idle keep-alive connections under the senders' feet.
    const batches = Array.from({ length: THROUGHPUT_BATCHES }, (_, i) => encodeBatch(now + WARM_BATCHES + i));
    await measure("warm-up (the server's first spans)", server, warm);
    await measure("ingest", server, batches);

    let stored = (THROUGHPUT_BATCHES + warm.length) * SPANS_PER_BATCH;
    for (const b of [...warm, ...batches]) sampleIds.push(b.traceIds[0]);
    while (stored < TARGET_SPANS) {
      const chunk = Array.from({ length: Math.min(100, Math.ceil((TARGET_SPANS - stored) / SPANS_PER_BATCH)) }, (_, i) => encodeBatch(now + stored / 100 + i));
      await drain(server.url, chunk);
      stored += chunk.length * SPANS_PER_BATCH;
      sampleIds.push(...chunk.map((b) => b.traceIds[3]));
    }
    console.log(`stored: ${stored} spans`);

    const latencies: number[] = [];
    const outputBefore = server.output().length;
    for (let i = 0; i < LOOKUPS; i++) {
      const id = sampleIds[Math.floor(Math.random() * sampleIds.length)];
      const t = performance.now();
      const res = await fetch(`${server.url}/api/traces/${id}`);
      const body = (await res.json()) as { trace?: { spans: unknown[] } };
      latencies.push(performance.now() - t);
      if (res.status !== 200 || body.trace?.spans.length !== 32) throw new Error(`lookup of ${id} answered ${res.status}`);
    }
    latencies.sort((a, b) => a - b);
    console.log(
      `GET /api/traces/{id} (32 spans) with ${stored} spans stored, ${LOOKUPS} sequential lookups: p50 ${percentileSorted(latencies, 50).toFixed(2)} ms, p99 ${percentileSorted(latencies, 99).toFixed(2)} ms`,
    );
    console.log(
      `slowest lookups: ${latencies
        .slice(-12)
        .map((ms) => ms.toFixed(1))
        .join(", ")} ms; over 20 ms: ${latencies.filter((ms) => ms > 20).length}`,
    );
    if (traceGc) reportGc(server.output().slice(outputBefore));
  } finally {
    server.process.kill("SIGTERM");
    await waitForExit(server.process);
  }
}

const GC_KINDS: Record<number, string> = { 1: "scavenge", 2: "minor mark-sweep", 4: "mark-compact", 8: "incremental marking", 16: "weak callbacks" };

/** A script for --require that prints every collection's pause as `[gc] kind ms`. */
function gcLogger(): string {
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), "sightline-gc-")), "gc-log.cjs");
  writeFileSync(
    file,
    `new (require("node:perf_hooks").PerformanceObserver)((list) => { for (const e of list.getEntries()) process.stderr.write("[gc] " + e.detail.kind + " " + e.duration.toFixed(2) + "\\n"); }).observe({ entryTypes: ["gc"] });`,
  );
  return file;
}

/** The server's collections in `output` (gcLogger's lines), by kind. */
function reportGc(output: string): void {
  const pauses = new Map<string, number[]>();
  for (const m of output.matchAll(/^\[gc\] (\d+) ([\d.]+)$/gm)) {
    const kind = GC_KINDS[Number(m[1])] ?? `kind ${m[1]}`;
    const list = pauses.get(kind) ?? [];
    list.push(Number(m[2]));
    pauses.set(kind, list);
  }
  if (pauses.size === 0) console.log("server GC during the lookups: none");
  for (const [kind, list] of pauses) {
    list.sort((a, b) => a - b);
    console.log(
      `server GC during the lookups: ${list.length} × ${kind}, pauses max ${list[list.length - 1].toFixed(1)} ms, over 10 ms: ${list.filter((ms) => ms > 10).length}`,
    );
  }
}

main().catch((err) => {
  if (lastServer) console.error(lastServer.output().split("\n").slice(-40).join("\n"));
  console.error(err);
  process.exit(1);
});
