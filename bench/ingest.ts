/**
 * npm run bench:ingest — OTLP protobuf ingest throughput (batches of 512 spans, 4 concurrent
 * senders) and GET /api/traces/{id} latency with 1,000,000 spans stored, against the production
 * build over loopback. Prints figures; asserts nothing. BENCH_TRACE_GC=1 has the server print each
 * garbage collection (a preloaded PerformanceObserver) and reports the ones during the lookups.
 *
 * Throughput is measured after a warm-up of WARM_BATCHES (printed too): a server just started
 * runs its first tens of thousands of spans at about half speed (JIT, the young generation growing
 * to its size, SQLite's cache), which a long-running ingest never sees again. The senders are
 * bench/http-load.ts's drain (node:http, keep-alive).
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { type AppServer, startAppServer, waitForExit } from "../e2e/support/app-server";
import { drain, timedGets } from "./http-load";
import { encodeBatch, SPANS_PER_BATCH, type EncodedBatch } from "./otlp-batches";
import { percentileSorted } from "../lib/analysis/percentile";

const PORT = 3199;
const SENDERS = 4;
const WARM_BATCHES = 300;
const THROUGHPUT_BATCHES = 600;
const TARGET_SPANS = Number(process.env.BENCH_TOTAL_SPANS ?? 1_000_000);
const LOOKUPS = 1000;
const WARM_LOOKUPS = 100;
const DATA_DIR = path.resolve(__dirname, "results/ingest-data");

let lastServer: AppServer | undefined;

const bodies = (batches: EncodedBatch[]) => batches.map((b) => b.body);

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
  await drain(server.url, bodies(batches), SENDERS);
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
      await drain(server.url, bodies(chunk), SENDERS);
      stored += chunk.length * SPANS_PER_BATCH;
      sampleIds.push(...chunk.map((b) => b.traceIds[3]));
    }
    console.log(`stored: ${stored} spans`);

    const lookups = (count: number) =>
      timedGets(
        count,
        () => `${server.url}/api/traces/${sampleIds[Math.floor(Math.random() * sampleIds.length)]}`,
        "a trace lookup",
        (body) => (body as { trace?: { spans: unknown[] } }).trace?.spans.length === 32,
      );
    // The lookup path's code is compiled on its first calls after ingest: reported, not counted.
    const firstLookups = (await lookups(WARM_LOOKUPS)).sort((a, b) => a - b);
    console.log(
      `first ${WARM_LOOKUPS} lookups (warm-up): p50 ${percentileSorted(firstLookups, 50).toFixed(2)} ms, max ${firstLookups[firstLookups.length - 1].toFixed(1)} ms`,
    );
    const outputBefore = server.output().length;
    const latencies = await lookups(LOOKUPS);
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
