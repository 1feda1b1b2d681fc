/**
 * npm run bench:aws — the app in `aws` mode (production build) against the wire-level AWS test
 * server (its own process, test/aws-server/cli.ts) with injected latency: BatchGetTraces 800 ms,
 * Logs Insights queries 1,000 ms to complete. Prints, over loopback:
 *
 * 1. page-complete time ÷ the slowest single upstream call: GET /api/traces/{id} and
 *    GET /api/traces/{id}/logs started at the same moment, the logs route polled every 250 ms
 *    until `complete`; median of 5 fresh traces, with each one's upstream calls in order;
 * 2. upstream calls for 50 concurrent identical page loads of one fresh trace;
 * 3. the bytes each pass of a logs search scans for a trace whose lines sit in 200 log groups,
 *    today's search (LOG_GROUPS' prefix expanded) against the index search (LOG_SCOPE=account):
 *    bench/aws-log-passes.ts;
 * 4. segmentsToTrace on a BatchGetTraces answer of 5,000 segment documents (in-process);
 * 5. the same trace's one-page answer over the wire, converted whole or as it arrives, sent at once
 *    and paced: bench/aws-one-page.ts (its own test server process, before the app starts).
 *
 * Then a Markdown table for BENCHMARKS.md. Asserts nothing; exits non-zero only when the app or
 * the test server cannot be started or a page load fails outright. Both child processes are
 * stopped at the end, on error, on SIGINT/SIGTERM and at the hard stop.
 */
import { rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { startAppServer, type AppServer } from "../e2e/support/app-server";
import { awsModeEnv, killNow, startAwsTestServer, stopChild, type AwsTestServer } from "../test/reliability/processes";
import type { KnownTrace } from "../e2e/support/known-trace";
import type { RecordedCall } from "../test/aws-server/types";
import { measureLogPasses, printLogPasses } from "./aws-log-passes";
import { measureOnePage, printOnePage } from "./aws-one-page";
import { BENCH_LOG_GROUPS, seedKnownTrace } from "./aws-seed";
import { CONVERT_TARGET_MS, type ConvertFigure, measureConversion, measureConversionBundled, median, ms, printConversion, verdict } from "./segments-convert";

const ENDPOINT_PORT = 3190;
const CONTROL_PORT = 3191;
const APP_PORT = 3192;
const CONTROL = `http://127.0.0.1:${CONTROL_PORT}`;
const DATA_DIR = path.resolve(__dirname, "results/aws-data");

const BATCH_GET_TRACES_MS = 800;
const QUERY_RUN_MS = 1000;
/** Not configured on the test server: GetQueryResults (and StartQuery) answer without added latency. */
const GET_QUERY_RESULTS_MS = 0;
const SLOWEST_UPSTREAM_MS = Math.max(BATCH_GET_TRACES_MS, QUERY_RUN_MS + GET_QUERY_RESULTS_MS);

const REPS = 5;
const CONCURRENT = 50;
/** The browser's polling of the logs route (the brief's 250 ms; the trace page itself polls every 1,000 ms). */
const POLL_MS = Number(process.env.BENCH_AWS_POLL_MS ?? 250);
/** BENCH_AWS_LOG_GROUPS=/sightline-bench/* shows what the trace's own Lambda group costs when LOG_GROUPS misses it. */
const LOG_GROUPS = process.env.BENCH_AWS_LOG_GROUPS ?? BENCH_LOG_GROUPS;
const PAGE_TIMEOUT_MS = 30_000;
const HARD_STOP_MS = 7 * 60_000;

const RATIO_TARGET = 1.15;

const sleep = (t: number) => new Promise<void>((resolve) => setTimeout(resolve, t));

// ---------------------------------------------------------------------------------------------
// Child processes

// startAwsTestServer, stopChild and killNow: test/reliability/processes.ts

// ---------------------------------------------------------------------------------------------
// Control API

async function control(route: string, body?: unknown): Promise<void> {
  const res = await fetch(`${CONTROL}${route}`, { method: "POST", body: body === undefined ? undefined : JSON.stringify(body) });
  if (res.status !== 204) throw new Error(`control ${route} answered ${res.status}: ${(await res.text()).slice(0, 300)}`);
}

async function calls(): Promise<RecordedCall[]> {
  const res = await fetch(`${CONTROL}/calls`);
  if (!res.ok) throw new Error(`control /calls answered ${res.status}`);
  return (await res.json()) as RecordedCall[];
}

const countOps = (list: readonly RecordedCall[]) => {
  const counts = new Map<string, number>();
  for (const c of list) counts.set(c.op, (counts.get(c.op) ?? 0) + 1);
  return counts;
};

/** `StartQuery +3, BatchGetTraces +4, GetQueryResults +262, …`: arrival times relative to `t0` (epoch ms). */
const timeline = (list: readonly RecordedCall[], t0: number) => list.map((c) => `${c.op} +${c.at - t0}`).join(", ");

// ---------------------------------------------------------------------------------------------
// Page loads

interface LogsBody {
  status: string;
  events: unknown[];
  message?: string;
}

interface PageLoad {
  /** Epoch ms at the start (to line up with the test server's call times). */
  startedAt: number;
  traceMs: number;
  logsMs: number;
  totalMs: number;
  spans: number;
  logEvents: number;
  logRequests: number;
}

function isLogsBody(value: unknown): value is LogsBody {
  return typeof value === "object" && value !== null && typeof (value as LogsBody).status === "string" && Array.isArray((value as LogsBody).events);
}

/** What a browser does: the trace and its logs at once, then the logs every 250 ms until complete. */
async function pageLoad(app: AppServer, traceId: string): Promise<PageLoad> {
  const startedAt = Date.now();
  const t0 = performance.now();
  const trace = (async () => {
    const res = await fetch(`${app.url}/api/traces/${traceId}`);
    const body = (await res.json()) as { trace?: { spans: unknown[] } };
    if (res.status !== 200 || !body.trace) throw new Error(`GET /api/traces/${traceId} answered ${res.status}: ${JSON.stringify(body).slice(0, 300)}`);
    return { ms: performance.now() - t0, spans: body.trace.spans.length };
  })();
  const logs = (async () => {
    for (let requests = 1; ; requests++) {
      const sent = performance.now();
      const res = await fetch(`${app.url}/api/traces/${traceId}/logs?waitMs=1000`);
      const body: unknown = await res.json();
      if (res.status !== 200 || !isLogsBody(body))
        throw new Error(`GET /api/traces/${traceId}/logs answered ${res.status}: ${JSON.stringify(body).slice(0, 300)}`);
      if (body.status === "complete") return { ms: performance.now() - t0, events: body.events.length, requests };
      if (body.status !== "running") throw new Error(`the logs of ${traceId} ended ${body.status}: ${body.message ?? ""}`);
      if (performance.now() - t0 > PAGE_TIMEOUT_MS) throw new Error(`the logs of ${traceId} were still running after ${PAGE_TIMEOUT_MS / 1000} s`);
      await sleep(Math.max(0, sent + POLL_MS - performance.now()));
    }
  })();
  const [t, l] = await Promise.all([trace, logs]);
  return { startedAt, traceMs: t.ms, logsMs: l.ms, totalMs: Math.max(t.ms, l.ms), spans: t.spans, logEvents: l.events, logRequests: l.requests };
}

// ---------------------------------------------------------------------------------------------
// The three figures

interface RatioFigure {
  ratio: number;
  totalMs: number;
  reps: { load: PageLoad; upstream: RecordedCall[] }[];
}

async function measureRatio(app: AppServer): Promise<RatioFigure> {
  const traces: KnownTrace[] = [];
  for (let i = 0; i < REPS; i++) traces.push(await seedKnownTrace(CONTROL));
  const reps: RatioFigure["reps"] = [];
  for (const known of traces) {
    await control("/reset");
    const load = await pageLoad(app, known.traceId);
    // Let anything the page started after it completed show up too.
    await sleep(300);
    reps.push({ load, upstream: await calls() });
  }
  const totalMs = median(reps.map((r) => r.load.totalMs));
  return { ratio: totalMs / SLOWEST_UPSTREAM_MS, totalMs, reps };
}

interface ConcurrencyFigure {
  counts: Map<string, number>;
  upstream: RecordedCall[];
  loads: PageLoad[];
}

async function measureConcurrency(app: AppServer): Promise<ConcurrencyFigure> {
  const known = await seedKnownTrace(CONTROL);
  await control("/reset");
  const loads = await Promise.all(Array.from({ length: CONCURRENT }, () => pageLoad(app, known.traceId)));
  await sleep(300);
  const upstream = await calls();
  return { counts: countOps(upstream), upstream, loads };
}

// ---------------------------------------------------------------------------------------------

function printRatio(f: RatioFigure): void {
  console.log(
    `1. page complete ÷ slowest upstream call: ${f.ratio.toFixed(2)} (median page complete ${ms(f.totalMs)} ms ÷ ${SLOWEST_UPSTREAM_MS} ms; ` +
      `target ≤ ${RATIO_TARGET}: ${verdict(f.ratio <= RATIO_TARGET)}; one after the other would be ≈ ${((BATCH_GET_TRACES_MS + QUERY_RUN_MS) / SLOWEST_UPSTREAM_MS).toFixed(1)})`,
  );
  f.reps.forEach(({ load, upstream }, i) => {
    console.log(
      `   rep ${i + 1}: trace ${ms(load.traceMs)} ms (${load.spans} spans), logs complete ${ms(load.logsMs)} ms (${load.logEvents} lines, ${load.logRequests} GETs of the logs route) → ${(load.totalMs / SLOWEST_UPSTREAM_MS).toFixed(2)}; ` +
        `upstream calls (arrival, ms after the page load started): ${timeline(upstream, load.startedAt)}`,
    );
  });
}

function printConcurrency(f: ConcurrencyFigure): void {
  const n = (op: string) => f.counts.get(op) ?? 0;
  const others = [...f.counts].filter(([op]) => !["BatchGetTraces", "StartQuery", "GetQueryResults"].includes(op));
  console.log(
    `2. upstream calls for ${CONCURRENT} concurrent identical page loads: BatchGetTraces ${n("BatchGetTraces")}, StartQuery ${n("StartQuery")}, GetQueryResults ${n("GetQueryResults")}` +
      `${others.length ? `, ${others.map(([op, c]) => `${op} ${c}`).join(", ")}` : ""} ` +
      `(target 1 trace fetch, 1 logs query: ${verdict(n("BatchGetTraces") === 1 && n("StartQuery") === 1)}); ` +
      `page complete median ${ms(median(f.loads.map((l) => l.totalMs)))} ms, max ${ms(Math.max(...f.loads.map((l) => l.totalMs)))} ms`,
  );
  const t0 = Math.min(...f.loads.map((l) => l.startedAt));
  console.log(`   upstream calls (arrival, ms after the first load started): ${timeline(f.upstream, t0)}`);
}

function printTable(r: RatioFigure, c: ConcurrencyFigure, v: ConvertFigure): void {
  const n = (op: string) => c.counts.get(op) ?? 0;
  console.log("\n### AWS source against the test server (`npm run bench:aws`)\n");
  console.log("| Figure | Result | Target |");
  console.log("| --- | ---: | --- |");
  console.log(
    `| Page complete (trace + logs \`complete\`) ÷ slowest single upstream call (${SLOWEST_UPSTREAM_MS} ms) | ${r.ratio.toFixed(2)} (${ms(r.totalMs)} ms) | ≤ ${RATIO_TARGET}: ${verdict(r.ratio <= RATIO_TARGET)} |`,
  );
  console.log(
    `| Upstream calls for ${CONCURRENT} concurrent identical page loads | BatchGetTraces ${n("BatchGetTraces")}, StartQuery ${n("StartQuery")} (GetQueryResults ${n("GetQueryResults")}) | 1 trace fetch, 1 logs query: ${verdict(n("BatchGetTraces") === 1 && n("StartQuery") === 1)} |`,
  );
  console.log(
    `| segmentsToTrace, ${v.documents.toLocaleString("en-US")} segment documents (${v.spans.toLocaleString("en-US")} spans) | ${ms(v.medianMs)} ms (cold ${ms(v.coldMs)} ms) | ≤ ${CONVERT_TARGET_MS} ms: ${verdict(v.medianMs <= CONVERT_TARGET_MS)} |`,
  );
  console.log(
    `\nProduction build in \`aws\` mode (real SDK v3 clients, AWS_ENDPOINT_URL) against test/aws-server over loopback; injected latency: ` +
      `BatchGetTraces ${BATCH_GET_TRACES_MS} ms, Logs Insights queries ${QUERY_RUN_MS} ms to complete (queryRunMs), no added latency on StartQuery or GetQueryResults, ` +
      `so the slowest single upstream call is max(${BATCH_GET_TRACES_MS}, ${QUERY_RUN_MS} + ${GET_QUERY_RESULTS_MS}) = ${SLOWEST_UPSTREAM_MS} ms. ` +
      `A page load = GET /api/traces/{id} and GET /api/traces/{id}/logs started together, the logs route polled every ${POLL_MS} ms until \`complete\`; ` +
      `median of ${REPS} fresh traces (buildKnownTrace: 6 spans and 5 log lines seeded) after one unmeasured load. LOG_GROUPS=${LOG_GROUPS} ` +
      `(audit-svc is a Lambda function: ${LOG_GROUPS === BENCH_LOG_GROUPS ? "the /aws/lambda/* prefix covers the group the trace names itself, so its arrival adds no query" : "not the default setting"}). segmentsToTrace in-process on the documents as JSON strings, ` +
      `as BatchGetTraces returns them. ${os.cpus().length} CPUs, Node ${process.version}, ${new Date().toISOString().slice(0, 10)}.`,
  );
}

async function main(): Promise<number> {
  const started = Date.now();
  // In-process, before any child process competes for the CPU.
  const conversion = measureConversionBundled();
  const conversionUnderTsx = measureConversion();
  const onePage = await measureOnePage();

  rmSync(DATA_DIR, { recursive: true, force: true });
  let aws: AwsTestServer | null = null;
  let app: AppServer | null = null;
  const kill = () => {
    killNow([app?.process], aws ? [aws.process] : []);
  };
  const hardStop = setTimeout(() => {
    console.error(`bench:aws: still running after ${HARD_STOP_MS / 60_000} min, stopping`);
    kill();
    process.exit(3);
  }, HARD_STOP_MS);
  hardStop.unref();
  const onSignal = () => {
    kill();
    process.exit(130);
  };
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);

  try {
    aws = await startAwsTestServer(ENDPOINT_PORT, CONTROL_PORT);
    app = await startAppServer(APP_PORT, awsModeEnv(aws, DATA_DIR, LOG_GROUPS));
    await control("/configure", { latencyMs: { BatchGetTraces: BATCH_GET_TRACES_MS }, queryRunMs: QUERY_RUN_MS });

    // One unmeasured load: the server's first run of both routes, and the LOG_GROUPS prefixes
    // expanded (DescribeLogGroups, remembered 5 minutes).
    const warm = await seedKnownTrace(CONTROL);
    await control("/reset");
    const warmLoad = await pageLoad(app, warm.traceId);
    console.log(`warm-up page load: ${ms(warmLoad.totalMs)} ms; upstream calls: ${timeline(await calls(), warmLoad.startedAt)}`);

    const ratio = await measureRatio(app);
    printRatio(ratio);
    const concurrency = await measureConcurrency(app);
    printConcurrency(concurrency);
    await control("/configure", { latencyMs: {}, queryRunMs: 200 });
    printLogPasses(await measureLogPasses(aws, CONTROL, APP_PORT + 1, DATA_DIR));
    printConversion(conversion, conversionUnderTsx);
    printOnePage(onePage);
    printTable(ratio, concurrency, conversion);
    console.log(`\n(bench:aws took ${((Date.now() - started) / 1000).toFixed(1)} s)`);
    return 0;
  } catch (err) {
    console.error(err);
    if (app) console.error(`app output (tail):\n${app.output().slice(-3000)}`);
    if (aws) console.error(`AWS test server output (tail):\n${aws.output().slice(-3000)}`);
    return 1;
  } finally {
    clearTimeout(hardStop);
    await Promise.all([app ? stopChild(app.process, false) : null, aws ? stopChild(aws.process, true) : null]);
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
