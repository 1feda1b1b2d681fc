/**
 * Issue 6, "Hostile input": at least 10,000 seeded requests across every route and parameter, in
 * local mode and in aws mode (against the AWS test server), checking no 5xx, no hang, a message
 * naming what was wrong on every 4xx, no upstream call on invalid input, and only the fixed Logs
 * Insights template upstream. Replay a run with FUZZ_SEED=<seed>.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { assessAnswer, jsonError } from "../fuzz/assess";
import { CROSS_SITE_MARKER, generateRequest } from "../fuzz/catalogue";
import { randomTraceHex } from "../fuzz/ids";
import { validTracesJson } from "../fuzz/otlp-bodies";
import { createRng, hex, seedFromEnv, type Rng } from "../fuzz/prng";
import type { CatalogueContext, FuzzRequest, Mode } from "../fuzz/request";
import { pool, send } from "../fuzz/send";
import { Tally } from "../fuzz/tally";
import { CallLog, startQueryProblems } from "../fuzz/upstream";
import { RELIABILITY_PORTS } from "../ports";
import { type AppServer, type AwsTestServer, awsModeEnv, startAppServer, startAwsTestServer, stopChild } from "../processes";
import { check, fmt, type SuiteReport } from "../report";
import type { Suite } from "../suite";

const ROOT = path.resolve(__dirname, "../../..");
const PORTS = RELIABILITY_PORTS.fuzz;
const DEADLINE_MS = 10_000;
const LOCAL_REQUESTS = 6_000;
const AWS_REQUESTS = 4_100;
const INGEST_LIMIT_MB = 1;
const MAX_WINDOW_MS = 744 * 3_600_000;

async function postJson(base: string, p: string, body: unknown): Promise<Record<string, unknown>> {
  const res = await fetch(base + p, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  if (!res.ok) throw new Error(`${p}: ${res.status} ${await res.text()}`);
  return (await res.json()) as Record<string, unknown>;
}

/** A trace in the local store, a snapshot of it and its export file: targets for valid requests. */
async function seedLocal(app: AppServer, rng: Rng): Promise<Pick<CatalogueContext, "knownTraceHex" | "knownSnapshotId" | "exported">> {
  const traceHex = randomTraceHex(rng);
  const res = await fetch(`${app.url}/v1/traces`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: validTracesJson(rng, traceHex, "fuzz-known") as BodyInit,
  });
  if (!res.ok) throw new Error(`seeding the local store: ${res.status}`);
  const created = await postJson(app.url, "/api/snapshots", { traceId: traceHex, title: "fuzz target" });
  const id = String(created.id);
  const exported = (await (await fetch(`${app.url}/api/snapshots/${id}/export`)).json()) as Record<string, unknown>;
  return { knownTraceHex: traceHex, knownSnapshotId: id, exported };
}

function context(mode: Mode, rng: Rng, seeded: Pick<CatalogueContext, "knownTraceHex" | "knownSnapshotId" | "exported">): CatalogueContext {
  return {
    mode,
    now: Date.now(),
    maxWindowMs: MAX_WINDOW_MS,
    ingestLimitBytes: INGEST_LIMIT_MB * 2 ** 20,
    ...seeded,
    traceHexPool: Array.from({ length: 16 }, () => randomTraceHex(rng)),
  };
}

async function runLocal(app: AppServer, requests: readonly FuzzRequest[], tally: Tally): Promise<void> {
  await pool(requests, 6, async (req) => {
    const answer = await send(app.url, req, DEADLINE_MS);
    const v = assessAnswer(req, answer);
    tally.record("local", req, answer, v.problems, v.rejectedCorrectly);
  });
}

interface AwsOutcome {
  checkedOneByOne: number;
  startQueries: number;
  queryProblems: string[];
}

/**
 * aws mode in three phases so that every upstream call is attributed to exactly one request:
 * invalid input one at a time (any call is a failure); other single-answer requests one at a time
 * (a 4xx may have called only X-Ray's own filter validation); then the valid-but-odd trace IDs,
 * whose background log searches would blur attribution, concurrently.
 */
async function runAws(app: AppServer, calls: CallLog, requests: readonly FuzzRequest[], canonical: ReadonlySet<string>, tally: Tally): Promise<AwsOutcome> {
  const phaseA = requests.filter((r) => r.expect === "reject");
  const phaseC = requests.filter((r) => r.expect !== "reject" && r.canonicalHex !== undefined);
  const phaseB = requests.filter((r) => r.expect !== "reject" && r.canonicalHex === undefined);
  await calls.poll();
  let checkedOneByOne = 0;
  for (const req of [...phaseA, ...phaseB]) {
    const answer = await send(app.url, req, DEADLINE_MS);
    const v = assessAnswer(req, answer);
    const fresh = await calls.poll();
    const problems = [...v.problems];
    const is4xx = answer.status >= 400 && answer.status < 500;
    const code = jsonError(answer.body)?.code;
    const upstreamRejected = req.upstreamValidated === true && code === "invalid_filter";
    if ((req.expect === "reject" || is4xx) && fresh.length > 0 && !upstreamRejected) {
      problems.push(`upstream call on invalid input: ${fresh.map((c) => c.op).join(", ")}`);
    }
    checkedOneByOne += 1;
    tally.record("aws", req, answer, problems, v.rejectedCorrectly && problems.length === v.problems.length);
  }
  await pool(phaseC, 4, async (req) => {
    const answer = await send(app.url, req, DEADLINE_MS);
    const v = assessAnswer(req, answer);
    tally.record("aws", req, answer, v.problems, v.rejectedCorrectly);
  });
  await new Promise((r) => setTimeout(r, 1_500));
  await calls.poll();
  const startQueries = calls.all.filter((c) => c.op === "StartQuery").length;
  return { checkedOneByOne, startQueries, queryProblems: startQueryProblems(calls.all, canonical) };
}

async function healthy(app: AppServer): Promise<string | null> {
  try {
    const res = await fetch(`${app.url}/api/health`, { signal: AbortSignal.timeout(5_000) });
    const body = (await res.json()) as { status?: string };
    return res.ok && body.status === "ok" ? null : `${app.url}: ${res.status} ${JSON.stringify(body)}`;
  } catch (err) {
    return `${app.url}: ${err instanceof Error ? err.message : String(err)}`;
  }
}

/** Issue 15: nothing a cross-site request carried was stored, and the snapshot they aimed at is still there. */
async function crossSiteLeftNoTrace(app: AppServer, knownSnapshotId: string | null): Promise<string | null> {
  try {
    const list = (await (await fetch(`${app.url}/api/snapshots`)).json()) as { snapshots?: { id: string; title: string; note: string }[] };
    const snapshots = list.snapshots ?? [];
    const forged = snapshots.filter((s) => s.title.includes(CROSS_SITE_MARKER) || s.note.includes(CROSS_SITE_MARKER));
    if (forged.length) return `${app.url}: ${forged.length} snapshot(s) carry the cross-site marker`;
    if (knownSnapshotId && !snapshots.some((s) => s.id === knownSnapshotId)) return `${app.url}: the targeted snapshot ${knownSnapshotId} is gone`;
    return null;
  } catch (err) {
    return `${app.url}: ${err instanceof Error ? err.message : String(err)}`;
  }
}

const sortedEntries = (m: Map<string, number>) =>
  [...m]
    .sort((a, b) => b[1] - a[1])
    .map(([k, n]) => `${k} ${fmt(n)}`)
    .join("; ");

async function run(): Promise<SuiteReport> {
  const started = Date.now();
  const seed = seedFromEnv();
  console.log(`[fuzz] seed ${seed} (replay with FUZZ_SEED=${seed})`);
  const rng = createRng(seed);
  const runDir = path.join(ROOT, "test-results", `fuzz-${seed}-${hex(createRng(Date.now() >>> 0), 6)}`);
  mkdirSync(path.join(runDir, "local"), { recursive: true });
  mkdirSync(path.join(runDir, "aws"), { recursive: true });

  let local: AppServer | undefined;
  let aws: AppServer | undefined;
  let awsServer: AwsTestServer | undefined;
  const tally = new Tally();
  try {
    [local, awsServer] = await Promise.all([
      startAppServer(PORTS.localApp, { DATA_SOURCE: "local", DATA_DIR: path.join(runDir, "local"), INGEST_MAX_BODY_MB: String(INGEST_LIMIT_MB) }),
      startAwsTestServer(PORTS.awsEndpoint, PORTS.awsControl),
    ]);
    // AWS_API_TPS off: the test server has no quota to keep under, and hostile input is what is measured, not the bucket's queue.
    aws = await startAppServer(PORTS.awsApp, {
      ...awsModeEnv(awsServer, path.join(runDir, "aws")),
      INGEST_MAX_BODY_MB: String(INGEST_LIMIT_MB),
      AWS_API_TPS: "off",
    });
    // A log group under LOG_GROUPS, so that valid trace IDs reach Logs Insights (StartQuery).
    const seededLogs = await fetch(`${awsServer.control}/logs`, {
      method: "POST",
      body: JSON.stringify({ group: "/sightline-e2e/fuzz", stream: "fuzz", events: [{ timestamp: Date.now(), message: "fuzz suite log group" }] }),
    });
    if (!seededLogs.ok) throw new Error(`seeding the AWS test server's logs: ${seededLogs.status}`);

    const seeded = await seedLocal(local, rng);
    const imported = await postJson(aws.url, "/api/snapshots/import", seeded.exported);
    const localCtx = context("local", rng, seeded);
    const awsCtx = context("aws", rng, { knownTraceHex: null, knownSnapshotId: String(imported.id), exported: seeded.exported });

    const localRequests = Array.from({ length: LOCAL_REQUESTS }, () => generateRequest(rng, localCtx));
    const awsRequests = Array.from({ length: AWS_REQUESTS }, () => generateRequest(rng, awsCtx));

    const t0 = Date.now();
    await runLocal(local, localRequests, tally);
    console.log(`[fuzz] local: ${fmt(localRequests.length)} requests in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    const t1 = Date.now();
    const calls = new CallLog(awsServer.control);
    const outcome = await runAws(aws, calls, awsRequests, new Set(awsCtx.traceHexPool), tally);
    console.log(`[fuzz] aws: ${fmt(awsRequests.length)} requests in ${((Date.now() - t1) / 1000).toFixed(1)} s`);

    writeFileSync(path.join(runDir, "failures.json"), JSON.stringify(Object.fromEntries(tally.allFailures), null, 1));
    const unhealthy = (await Promise.all([healthy(local), healthy(aws)])).filter((p): p is string => p !== null);
    const crossSiteTraces = (
      await Promise.all([crossSiteLeftNoTrace(local, localCtx.knownSnapshotId), crossSiteLeftNoTrace(aws, awsCtx.knownSnapshotId)])
    ).filter((p): p is string => p !== null);
    const crossSiteCount = tally.byFamily.get("cross-site write") ?? 0;
    const preflightCount = tally.byFamily.get("cross-site preflight") ?? 0;
    const n = fmt(tally.requests);
    const checks = [
      check(`at least 10,000 generated requests were sent (${n})`, tally.requests >= 10_000),
      check(`no 5xx among ${n} hostile and odd requests`, tally.count("5xx") === 0, tally.detail("5xx")),
      check(
        `every request answered within ${DEADLINE_MS / 1000} s (p99 ${Math.round(tally.p(99))} ms), none dropped`,
        tally.count("hang") + tally.count("transport") === 0,
        [tally.detail("hang"), tally.detail("transport")].filter(Boolean).join("\n") || undefined,
      ),
      check(
        "every 4xx says what was wrong: a JSON error (OTLP: a google.rpc.Status) whose message names the parameter; pages show a message",
        tally.count("message") === 0,
        tally.detail("message"),
      ),
      check(
        `every hostile input was rejected (${fmt(tally.rejectedCorrectly)} correctly) and every valid-but-odd input served (2xx or 404)`,
        tally.count("status") === 0,
        tally.detail("status"),
      ),
      check(
        `aws mode: invalid input made no upstream call (${fmt(outcome.checkedOneByOne)} requests attributed one by one)`,
        tally.count("upstream") === 0,
        tally.detail("upstream"),
      ),
      check(
        `aws mode: every StartQuery (${fmt(outcome.startQueries)}) is the fixed template around a canonical trace ID`,
        outcome.queryProblems.length === 0 && outcome.startQueries > 0,
        outcome.queryProblems.slice(0, 8).join("\n") ||
          (outcome.startQueries === 0 ? "no StartQuery was made: the valid-ID requests did not reach Logs Insights" : undefined),
      ),
      check(
        `cross-site writes (${fmt(crossSiteCount)}, exact 403/415 checked above) and preflights (${fmt(preflightCount)}, no Access-Control-Allow-* on any answer) changed nothing: no forged snapshot, the targeted one still there`,
        crossSiteCount > 0 && crossSiteTraces.length === 0,
        crossSiteTraces.join("\n") || (crossSiteCount === 0 ? "no cross-site request was generated" : undefined),
      ),
      check("both servers still serve /api/health afterwards", unhealthy.length === 0, unhealthy.join("\n") || undefined),
    ];
    return {
      suite: "fuzz",
      title: "Hostile input",
      durationMs: Date.now() - started,
      checks,
      figures: [
        { label: "seed", value: String(seed) },
        { label: "requests", value: `${n} (local ${fmt(localRequests.length)}, aws ${fmt(awsRequests.length)})` },
        { label: "rejected correctly", value: fmt(tally.rejectedCorrectly) },
        { label: "answer time", value: `p50 ${Math.round(tally.p(50))} ms, p99 ${Math.round(tally.p(99))} ms, max ${Math.round(tally.p(100))} ms` },
        { label: "requests per route family", value: sortedEntries(tally.byFamily) },
        { label: "4xx by code", value: sortedEntries(tally.byCode) },
        { label: "aws upstream calls recorded", value: `${fmt(calls.all.length)} (StartQuery ${fmt(outcome.startQueries)})` },
      ],
      method: `Seeded PRNG (seed ${seed}); the production build in local mode on ${PORTS.localApp} (DATA_DIR under test-results/, INGEST_MAX_BODY_MB=${INGEST_LIMIT_MB}) and in aws mode on ${PORTS.awsApp} against the AWS test server on ${PORTS.awsEndpoint}/${PORTS.awsControl}; ${DEADLINE_MS / 1000} s deadline per request.`,
      tally: { requestsTried: tally.requests, rejectedCorrectly: tally.rejectedCorrectly },
    };
  } finally {
    await Promise.all([local && stopChild(local.process), aws && stopChild(aws.process)]);
    if (awsServer) await stopChild(awsServer.process, true);
  }
}

const suite: Suite = { id: "fuzz", order: 10, fast: true, timeoutMs: 150_000, run };
export default suite;
