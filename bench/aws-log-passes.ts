/**
 * Part of npm run bench:aws (issue 13): what a trace's logs search scans when its lines sit in
 * 200 log groups, each also holding other requests' lines.
 *
 * - "today" — LOG_GROUPS=/passes-bench/* (the prefix expanded to its 200 groups, searched the
 *   narrow way in queries of 50, every form of the ID); no wide pass, since the prefix expands in
 *   full (the wide pass runs over a prefix only past 1,000 groups or when it cannot be listed);
 * - "index" — LOG_SCOPE=account and no LOG_GROUPS: the wide pass alone (`filterIndex traceId`),
 *   which reads only the indexed events that match.
 *
 * Prints each pass's bytes scanned, queries, lines found and cost, for both set-ups, from the logs
 * answer's `passes` (the figures the AWS test server reports as CloudWatch would: bytes of the
 * events each query read).
 */
import { randomBytes } from "node:crypto";
import { startAppServer, type AppServer } from "../e2e/support/app-server";
import { awsModeEnv, stopChild, type AwsTestServer } from "../test/reliability/processes";

const GROUPS = 200;
/** The trace's own lines in each group. */
const TRACE_LINES = 2;
/** Other requests' lines in each group, in the same minutes. */
const OTHER_LINES = 300;

interface PassFigure {
  pass: string;
  queries: number;
  bytesScanned: number;
  estimatedUsd: number;
}

export interface LogPassesFigure {
  setup: "today" | "index";
  settings: string;
  linesFound: number;
  passes: PassFigure[];
  totalBytes: number;
  totalUsd: number;
}

const hex = (bytes: number) => randomBytes(bytes).toString("hex");
const sleep = (t: number) => new Promise<void>((resolve) => setTimeout(resolve, t));

async function post(control: string, route: string, body: unknown): Promise<void> {
  const res = await fetch(`${control}${route}`, { method: "POST", body: JSON.stringify(body) });
  if (res.status !== 204) throw new Error(`control ${route} answered ${res.status}: ${(await res.text()).slice(0, 300)}`);
}

/** A trace (one segment) 20 minutes ago, and its lines spread over GROUPS groups among other traffic. */
async function seed(control: string): Promise<{ xrayId: string }> {
  const start = Date.now() - 20 * 60_000;
  const epoch = Math.floor(start / 1000);
  const idHex = `${epoch.toString(16).padStart(8, "0")}${hex(12)}`;
  const xrayId = `1-${idHex.slice(0, 8)}-${idHex.slice(8)}`;
  await post(control, "/segments", [
    { trace_id: xrayId, id: hex(8), name: "passes-web", start_time: start / 1000, end_time: (start + 800) / 1000, http: { response: { status: 200 } } },
  ]);
  for (let g = 0; g < GROUPS; g++) {
    const events: { timestamp: number; message: string }[] = [];
    for (let i = 0; i < OTHER_LINES; i++) {
      events.push({
        timestamp: start - 60_000 + i * 400,
        message: JSON.stringify({ level: "info", traceId: hex(16), service: `svc-${g}`, message: `handled request ${hex(24)}`, bytes: i * 17 }),
      });
    }
    for (let i = 0; i < TRACE_LINES; i++) {
      events.push({
        timestamp: start + 100 + i * 200,
        message: JSON.stringify({ level: "info", traceId: idHex, service: `svc-${g}`, message: `step ${i} of the slow request` }),
      });
    }
    events.sort((a, b) => a.timestamp - b.timestamp);
    await post(control, "/logs", { group: `/passes-bench/svc-${String(g).padStart(3, "0")}`, stream: "s", events });
  }
  return { xrayId };
}

interface LogsAnswer {
  status: string;
  events: unknown[];
  stats?: { bytesScanned: number };
  cost?: { estimatedUsd: number };
  passes?: { pass: string; queries: number; stats: { bytesScanned: number }; cost: { estimatedUsd: number } }[];
}

async function searchOnce(app: AppServer, xrayId: string): Promise<LogsAnswer> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const res = await fetch(`${app.url}/api/traces/${xrayId}/logs?waitMs=2000`);
    if (!res.ok) throw new Error(`GET …/logs answered ${res.status}: ${(await res.text()).slice(0, 300)}`);
    const body = (await res.json()) as LogsAnswer;
    if (body.status !== "running") return body;
    if (Date.now() > deadline) throw new Error("the logs search did not finish within 60 s");
    await sleep(100);
  }
}

async function measure(aws: AwsTestServer, port: number, dataDir: string, setup: LogPassesFigure["setup"], xrayId: string): Promise<LogPassesFigure> {
  const env =
    setup === "today"
      ? { ...awsModeEnv(aws, `${dataDir}-${setup}`, "/passes-bench/*"), LOG_SCOPE: "groups" }
      : { ...awsModeEnv(aws, `${dataDir}-${setup}`, ""), LOG_SCOPE: "account" };
  const app = await startAppServer(port, env);
  try {
    const answer = await searchOnce(app, xrayId);
    const passes = (answer.passes ?? []).map((p) => ({
      pass: p.pass,
      queries: p.queries,
      bytesScanned: p.stats.bytesScanned,
      estimatedUsd: p.cost.estimatedUsd,
    }));
    return {
      setup,
      settings: setup === "today" ? "LOG_GROUPS=/passes-bench/* (200 groups)" : "LOG_SCOPE=account, no LOG_GROUPS",
      linesFound: answer.events.length,
      passes,
      totalBytes: answer.stats?.bytesScanned ?? 0,
      totalUsd: answer.cost?.estimatedUsd ?? 0,
    };
  } finally {
    await stopChild(app.process, false);
  }
}

/** Both set-ups on one seeded trace, each with an app server of its own on `port`. */
export async function measureLogPasses(aws: AwsTestServer, control: string, port: number, dataDir: string): Promise<LogPassesFigure[]> {
  const { xrayId } = await seed(control);
  return [await measure(aws, port, dataDir, "today", xrayId), await measure(aws, port, dataDir, "index", xrayId)];
}

const mb = (bytes: number) => (bytes / 1e6).toFixed(2);

export function printLogPasses(figures: readonly LogPassesFigure[]): void {
  console.log(`\nLogs search of a trace whose ${GROUPS * TRACE_LINES} lines sit in ${GROUPS} groups (${OTHER_LINES} other lines in each):`);
  console.log("| set-up | lines found | pass | queries | MB scanned | cost |");
  console.log("| --- | ---: | --- | ---: | ---: | ---: |");
  for (const f of figures) {
    for (const p of f.passes)
      console.log(`| ${f.settings} | ${f.linesFound} | ${p.pass} | ${p.queries} | ${mb(p.bytesScanned)} | $${p.estimatedUsd.toFixed(6)} |`);
    console.log(`| ${f.settings} | ${f.linesFound} | **all** | | **${mb(f.totalBytes)}** | **$${f.totalUsd.toFixed(6)}** |`);
  }
}
