/**
 * Load: 100 concurrent clients loading trace pages over the API (what components/trace-page
 * fetches) for RELIABILITY_LOAD_SECONDS (default 60) in each mode — local, on a store seeded with
 * a few hundred traces with logs; aws, against the AWS test server with slow BatchGetTraces and
 * Logs Insights queries, a handful of hot traces — with zero errors, and in aws mode one upstream
 * trace fetch and one logs query per distinct trace (coalesced in flight, then cached).
 */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { BENCH_LOG_GROUPS, seedKnownTrace } from "../../../bench/aws-seed";
import type { KnownTrace } from "../../../e2e/support/known-trace";
import { LatencyRecorder } from "../load/latency";
import { loadFigures } from "../load/load-report";
import { seedLocalTraces } from "../load/seed-local";
import { loadTracePage, RAMP_UP_MS, runPageLoadClients } from "../load/trace-page-load";
import { fetchCalls, upstreamPerTrace } from "../load/upstream-calls";
import { RELIABILITY_PORTS } from "../ports";
import { awsModeEnv, startAppServer, startAwsTestServer, stopChild, type AppServer, type AwsTestServer } from "../processes";
import { check, fmt, type Check, type Figure } from "../report";
import type { Suite } from "../suite";

const PORTS = RELIABILITY_PORTS.load;
const SECONDS = Number(process.env.RELIABILITY_LOAD_SECONDS ?? 60);
const CLIENTS = 100;
const LOCAL_TRACES = 300;
const HOT_TRACES = 5;
const BATCH_GET_TRACES_MS = 200;
const QUERY_RUN_MS = 1000;
/** Older than the 30 minutes after which the app caches a trace and its logs for good (lib/sources/aws/coalesce.ts). */
const AWS_TRACE_AGE_MS = 2 * 3_600_000;

interface ModeResult {
  checks: Check[];
  figures: Figure[];
  requests: number;
  served: number;
}

async function localMode(dataDir: string): Promise<ModeResult> {
  let app: AppServer | undefined;
  try {
    app = await startAppServer(PORTS.localApp, { DATA_DIR: dataDir, RETENTION_DAYS: "36500" });
    const traces = await seedLocalTraces(app.url, LOCAL_TRACES);
    // A server warms up on its first requests (route bundles load lazily): one page load first, unrecorded.
    await loadTracePage({ base: app.url, mode: "local", recorder: new LatencyRecorder(), traceId: traces[0].traceId });
    const recorder = new LatencyRecorder();
    const t0 = Date.now();
    const pages = await runPageLoadClients(CLIENTS, SECONDS * 1000, () => traces[Math.floor(Math.random() * traces.length)].traceId, {
      base: app.url,
      mode: "local",
      recorder,
      expectSpans: 6,
    });
    const seconds = (Date.now() - t0) / 1000;
    return {
      checks: [
        check(
          `local: ${CLIENTS} clients loading trace pages for ${SECONDS} s got no error (${fmt(recorder.requests)} requests)`,
          recorder.errors === 0 && recorder.requests > 0,
          `${fmt(recorder.errors)} errors: ${recorder.errorExamples.join("\n")}`,
        ),
      ],
      figures: loadFigures("local", recorder, pages, seconds),
      requests: recorder.requests,
      served: recorder.requests - recorder.errors,
    };
  } finally {
    if (app) await stopChild(app.process);
  }
}

async function awsMode(dataDir: string): Promise<ModeResult> {
  let aws: AwsTestServer | undefined;
  let app: AppServer | undefined;
  try {
    aws = await startAwsTestServer(PORTS.awsEndpoint, PORTS.awsControl);
    const control = aws.control;
    const configure = await fetch(`${control}/configure`, {
      method: "POST",
      body: JSON.stringify({ latencyMs: { BatchGetTraces: BATCH_GET_TRACES_MS }, queryRunMs: QUERY_RUN_MS }),
    });
    if (configure.status !== 204) throw new Error(`control /configure answered ${configure.status}`);
    const hot: KnownTrace[] = [];
    for (let i = 0; i < HOT_TRACES; i++) hot.push(await seedKnownTrace(control, Date.now() - AWS_TRACE_AGE_MS - i * 60_000));
    const warmUp = await seedKnownTrace(control, Date.now() - AWS_TRACE_AGE_MS);
    // AWS_API_TPS off: the test server has no quota, and Sightline's own throughput is what is measured, not the bucket's queue.
    app = await startAppServer(PORTS.awsApp, { ...awsModeEnv(aws, dataDir, BENCH_LOG_GROUPS), AWS_API_TPS: "off" });
    // Warm-up on a trace outside the hot set, so the hot ones are still cold when the clients start.
    const warmRecorder = new LatencyRecorder();
    await loadTracePage({ base: app.url, mode: "aws", recorder: warmRecorder, traceId: warmUp.traceId });
    if (warmRecorder.errors) throw new Error(`the warm-up page load failed: ${warmRecorder.errorExamples.join("; ")}`);
    await fetch(`${control}/reset`, { method: "POST" });

    const recorder = new LatencyRecorder();
    const t0 = Date.now();
    const pages = await runPageLoadClients(CLIENTS, SECONDS * 1000, () => hot[Math.floor(Math.random() * hot.length)].traceId, {
      base: app.url,
      mode: "aws",
      recorder,
    });
    const seconds = (Date.now() - t0) / 1000;
    const hexes = hot.map((t) => t.traceId);
    const { perTrace, totals } = upstreamPerTrace(await fetchCalls(control), hexes);
    const per = (op: string) => hexes.map((h) => perTrace.get(op)?.get(h) ?? 0);
    const traceFetches = per("BatchGetTraces");
    const queries = per("StartQuery");
    const ops = [...totals]
      .sort((a, b) => b[1] - a[1])
      .map(([op, n]) => `${op} ${fmt(n)}`)
      .join(", ");
    return {
      checks: [
        check(
          `aws: ${CLIENTS} clients loading ${HOT_TRACES} hot trace pages for ${SECONDS} s got no error (${fmt(recorder.requests)} requests)`,
          recorder.errors === 0 && recorder.requests > 0,
          `${fmt(recorder.errors)} errors: ${recorder.errorExamples.join("\n")}`,
        ),
        check(
          `aws: coalescing held under load: one BatchGetTraces and one StartQuery per distinct trace`,
          traceFetches.every((n) => n === 1) && queries.every((n) => n === 1),
          `BatchGetTraces per trace [${traceFetches.join(", ")}], StartQuery per trace [${queries.join(", ")}]; all calls: ${ops}`,
        ),
      ],
      figures: [
        ...loadFigures("aws", recorder, pages, seconds),
        {
          label: "aws: upstream calls per distinct trace",
          value: `BatchGetTraces [${traceFetches.join(", ")}], StartQuery [${queries.join(", ")}] for ${HOT_TRACES} traces and ${fmt(pages)} page loads (all calls: ${ops})`,
        },
      ],
      requests: recorder.requests,
      served: recorder.requests - recorder.errors,
    };
  } finally {
    if (app) await stopChild(app.process);
    if (aws) await stopChild(aws.process, true);
  }
}

const suite: Suite = {
  id: "load",
  order: 40,
  fast: false,
  // Both modes back to back, plus start-up, seeding and the page loads still open at the end (on
  // a busy machine ~1 % of requests stall for up to 15 s, even against a bare node:http server).
  timeoutMs: 2 * SECONDS * 1000 + 60_000,
  async run() {
    const started = Date.now();
    const work = mkdtempSync(path.join(os.tmpdir(), "sightline-load-"));
    try {
      const local = await localMode(path.join(work, "local"));
      const aws = await awsMode(path.join(work, "aws"));
      return {
        suite: "load",
        title: `Load: ${CLIENTS} concurrent trace-page loads, local and aws`,
        durationMs: Date.now() - started,
        checks: [...local.checks, ...aws.checks],
        figures: [...local.figures, ...aws.figures],
        method:
          `Production build; ${CLIENTS} clients in one Node process, arriving over ${RAMP_UP_MS / 1000} s, each loading trace pages back to back for ${SECONDS} s per mode, as components/trace-page does: ` +
          `GET /api/traces/{id} and GET /api/traces/{id}/logs at once, the logs long-polled (waitMs=1000) while running, GET /api/health, and in aws mode ` +
          `GET /api/traces/{id}/aws-links. Local (port ${PORTS.localApp}): ${LOCAL_TRACES} traces of 6 spans and 5 log lines, each page a random one, after one warm-up page load. ` +
          `Aws (port ${PORTS.awsApp}, test server ${PORTS.awsEndpoint}): BatchGetTraces ${BATCH_GET_TRACES_MS} ms, Logs Insights queries ${QUERY_RUN_MS} ms, ` +
          `${HOT_TRACES} traces older than 30 min, all cold (a sixth warmed the server up) when the clients arrive; upstream calls counted from the test server's GET /calls.`,
        tally: { requestsUnderLoad: local.requests + aws.requests, loadServed: local.served + aws.served },
      };
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  },
};

export default suite;
