/**
 * Upstream faults (issue 6): the app in aws mode against the AWS test server, each fault injected
 * through its control API, the app observed through its HTTP API as the browser uses it. After
 * every scenario the app must still be alive and healthy.
 */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { BENCH_LOG_GROUPS } from "../../../bench/aws-seed";
import { abandonment } from "../faults/abandonment";
import { accessDenied } from "../faults/access-denied";
import { REQUEST_TIMEOUT_MS } from "../faults/bounds";
import { bursts } from "../faults/bursts";
import { queryConcurrency } from "../faults/concurrency";
import { type Harness, type Scenario, createHarness } from "../faults/harness";
import { queryEndings } from "../faults/query-status";
import { slowUpstream } from "../faults/slow";
import { throttleEverywhere } from "../faults/throttle";
import { unprocessedTraces } from "../faults/unprocessed";
import { RELIABILITY_PORTS } from "../ports";
import { type AppServer, type AwsTestServer, awsModeEnv, startAppServer, startAwsTestServer, stopChild } from "../processes";
import { type Check, type Figure, type SuiteReport, check, fmt } from "../report";
import type { Suite } from "../suite";

/** Access denial first: the app remembers LOG_GROUPS' expansion once it has listed the groups. */
const SCENARIOS: Scenario[] = [accessDenied, throttleEverywhere, bursts, slowUpstream, queryEndings, unprocessedTraces, queryConcurrency, abandonment];

async function healthy(h: Harness): Promise<string | null> {
  if (h.appProcess.exitCode !== null || h.appProcess.signalCode !== null) return `the app exited (${h.appProcess.exitCode ?? h.appProcess.signalCode})`;
  const a = await h.request("/api/health", { boundMs: 5_000 });
  return a.status === 200 ? null : `/api/health answered ${a.hung ? "nothing" : a.status}`;
}

async function run(): Promise<SuiteReport> {
  const started = Date.now();
  const ports = RELIABILITY_PORTS.faults;
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "sightline-faults-"));
  let server: AwsTestServer | undefined;
  let app: AppServer | undefined;
  const checks: Check[] = [];
  const figures: Figure[] = [];
  let injected = 0;
  let survived = 0;
  try {
    server = await startAwsTestServer(ports.awsEndpoint, ports.awsControl);
    app = await startAppServer(ports.awsApp, { ...awsModeEnv(server, dataDir, BENCH_LOG_GROUPS), AWS_REQUEST_TIMEOUT_MS: String(REQUEST_TIMEOUT_MS) });
    const h = createHarness(app.url, server.control, app.process);
    await h.reset();
    for (const scenario of SCENARIOS) {
      const t0 = Date.now();
      let outcome;
      try {
        outcome = await scenario.run(h);
      } catch (error) {
        outcome = {
          checks: [check(`${scenario.id}: ran to the end`, false, error instanceof Error ? (error.stack ?? error.message) : String(error))],
          figures: [],
          faultsInjected: 0,
        };
        await h.reset().catch(() => undefined);
      }
      const sick = await healthy(h);
      const scenarioChecks = [
        ...outcome.checks,
        check(`${scenario.id}: nothing crashed (the app is alive, /api/health answers 200)`, sick === null, sick ?? undefined),
      ];
      checks.push(...scenarioChecks.map((c) => ({ ...c, name: c.name.startsWith(scenario.id) ? c.name : `${scenario.id}: ${c.name}` })));
      figures.push(...outcome.figures, { label: `${scenario.id}: duration`, value: `${fmt(Date.now() - t0)} ms` });
      injected += outcome.faultsInjected;
      if (scenarioChecks.every((c) => c.ok)) survived += outcome.faultsInjected;
      if (sick) break;
    }
  } finally {
    if (app) await stopChild(app.process);
    if (server) await stopChild(server.process, true);
    rmSync(dataDir, { recursive: true, force: true });
  }
  return {
    suite: "faults",
    title: "Upstream faults",
    durationMs: Date.now() - started,
    checks,
    figures,
    method: `The production build in aws mode (port ${ports.awsApp}, AWS_REQUEST_TIMEOUT_MS ${REQUEST_TIMEOUT_MS}, the default retry settings) against the AWS test server (${ports.awsEndpoint}, control ${ports.awsControl}); faults injected per operation through the control API; the app read through its HTTP API as the browser does (trace, logs long-polled until done, list, graph, stats); upstream attempts counted from the test server's record of calls.`,
    tally: { faultsInjected: injected, faultsSurvived: survived },
  };
}

const suite: Suite = { id: "faults", order: 20, fast: true, timeoutMs: 180_000, run };
export default suite;
