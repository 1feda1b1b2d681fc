/**
 * The deployable build, started the way the image starts it: `node server.js` in the standalone
 * folder (scripts/build-standalone.sh). npm test runs this on the machine's Node, and again on
 * Node 24 with a copy of the folder whose native addon is built for it (scripts/node24.sh).
 */
import { existsSync, mkdtempSync, rmSync, statSync } from "node:fs";
import http from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { randomHex, tracesRequest, xrayStyleTraceId } from "./support/otlp-json";
import { toSegments } from "./support/xray-seed";
import { awsTestEnv } from "./support/aws-env";
import { startAwsTestServer } from "../test/aws-server";
import { STANDALONE_AWS_PORT, STANDALONE_PORT, STANDALONE_SHUTDOWN_PORT } from "./support/ports";
import { STANDALONE_NODE, startStandalone, type StandaloneServer } from "./support/standalone-server";

let server: StandaloneServer;
let dataDir: string;

test.beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), "sightline-standalone-"));
  server = await startStandalone(STANDALONE_PORT, { DATA_DIR: dataDir, RETENTION_DAYS: "36500" });
});

test.afterAll(async () => {
  if (server && server.process.exitCode === null && server.process.signalCode === null) {
    server.process.kill("SIGKILL");
    await server.exited;
  }
  rmSync(dataDir, { recursive: true, force: true });
});

test("node server.js on the expected runtime answers health, takes an OTLP trace and serves its page", async ({ page, request }) => {
  const { stdout } = await import("node:child_process").then((cp) => cp.spawnSync(STANDALONE_NODE, ["--version"], { encoding: "utf8" }));
  expect(server.output()).toContain(`node=${stdout.trim()}`);
  if (process.env.SIGHTLINE_EXPECT_NODE_MAJOR) expect(stdout.trim()).toMatch(new RegExp(`^v${process.env.SIGHTLINE_EXPECT_NODE_MAJOR}\\.`));

  const health = await request.get(`${server.url}/api/health`);
  expect(health.status()).toBe(200);
  expect(await health.json()).toEqual({ status: "ok", source: "local" });
  const ready = await request.get(`${server.url}/api/ready`);
  expect(ready.status()).toBe(200);
  expect(await ready.json()).toMatchObject({ status: "ready", ready: true, source: "local", checks: { store: true, snapshots: true } });

  const now = Date.now();
  const traceId = xrayStyleTraceId(now - 60_000);
  const root = randomHex(8);
  const spans = [
    { traceId, spanId: root, service: "standalone-gateway", name: "GET /checkout", startMs: now - 60_000, endMs: now - 59_000, kind: 2 },
    {
      traceId,
      spanId: randomHex(8),
      parentSpanId: root,
      service: "standalone-orders",
      name: "SELECT orders",
      startMs: now - 59_900,
      endMs: now - 59_200,
      kind: 3,
    },
  ];
  const ingest = await request.post(`${server.url}/v1/traces`, { data: tracesRequest(spans) });
  expect(ingest.status()).toBe(200);

  const api = await request.get(`${server.url}/api/traces/${traceId}`);
  expect(api.status()).toBe(200);
  const { trace } = await api.json();
  expect(trace.spans.map((s: { spanId: string }) => s.spanId).sort()).toEqual(spans.map((s) => s.spanId).sort());
  expect(trace.services.sort()).toEqual(["standalone-gateway", "standalone-orders"]);

  // The page needs the folder's .next/static: every script and stylesheet must load.
  const failed: string[] = [];
  page.on("response", (r) => {
    if (r.url().includes("/_next/static/") && r.status() >= 400) failed.push(`${r.status()} ${r.url()}`);
  });
  await page.goto(`${server.url}/trace/${traceId}`);
  await expect(page.getByTestId("trace-gantt")).toBeVisible();
  await expect(page.getByTestId("service-map")).toBeVisible();
  await expect(page.getByTestId("log-timeline")).toBeVisible();
  await expect(page.getByTestId("span-row")).toHaveCount(2);
  // The map's layout runs in a worker: on a loaded 2-core machine it takes seconds.
  await expect(page.locator('[data-testid="map-node"][data-service="standalone-orders"]')).toBeVisible({ timeout: 20_000 });
  expect(failed).toEqual([]);
});

interface Outcome {
  startedAt: number;
  endedAt: number;
  /** The server read the request's headers and answered 100 Continue: it accepted the request. */
  accepted: boolean;
  status?: number;
  error?: string;
}

/**
 * One POST on its own connection (no keep-alive reuse), with `Expect: 100-continue`: the body goes
 * only once the server has accepted the request, so the client knows which requests were accepted.
 */
function send(url: string, body: Buffer): Promise<Outcome & { json?: unknown }> {
  const startedAt = Date.now();
  let accepted = false;
  return new Promise((resolve) => {
    const done = (o: { status?: number; error?: string; json?: unknown }) => resolve({ startedAt, endedAt: Date.now(), accepted, ...o });
    const req = http.request(
      url,
      { method: "POST", agent: false, headers: { "content-type": "application/json", "content-length": body.length, expect: "100-continue" } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => {
          let json: unknown;
          try {
            json = JSON.parse(Buffer.concat(chunks).toString("utf8"));
          } catch {
            json = undefined;
          }
          done({ status: res.statusCode, json });
        });
        res.on("error", (e) => done({ error: (e as NodeJS.ErrnoException).code ?? e.message }));
      },
    );
    req.on("continue", () => {
      accepted = true;
      req.end(body);
    });
    req.on("error", (e) => done({ error: (e as NodeJS.ErrnoException).code ?? e.message }));
  });
}

test("SIGTERM under load: requests in flight finish, nothing acknowledged is lost, exit 0 within 10 s", async () => {
  test.setTimeout(120_000);
  const dir = mkdtempSync(path.join(tmpdir(), "sightline-sigterm-"));
  const env = { DATA_DIR: dir, RETENTION_DAYS: "36500" };
  const app = await startStandalone(STANDALONE_SHUTDOWN_PORT, env);
  try {
    const base = Date.now() - 120_000;
    const acked: Array<{ traceId: string; spans: number }> = [];
    const snapshots: string[] = [];
    const outcomes: Outcome[] = [];
    let sigtermAt = Infinity;
    let stop = false;
    // Batches encoded beforehand: the load generator must not be too busy to send.
    const batches = Array.from({ length: 6 }, (_, w) =>
      Array.from({ length: 60 }, () => {
        const traceId = randomHex(16);
        const root = randomHex(8);
        // 200 spans a batch: each ingest takes long enough that some are in flight at SIGTERM.
        const spans = Array.from({ length: 200 }, (_, k) => ({
          traceId,
          spanId: k === 0 ? root : randomHex(8),
          parentSpanId: k === 0 ? undefined : root,
          service: `svc-${w}-${k % 5}`,
          name: `op ${k}`,
          startMs: base + k,
          endMs: base + k + 10,
        }));
        return { traceId, spans: spans.length, body: Buffer.from(JSON.stringify(tracesRequest(spans))) };
      }),
    );
    const worker = async (w: number) => {
      for (let i = 0; !stop && i < batches[w].length; i++) {
        const { traceId, spans, body } = batches[w][i];
        const r = await send(`${app.url}/v1/traces`, body);
        outcomes.push(r);
        if (r.status === 200) acked.push({ traceId, spans });
        if (r.error) return;
        if (i % 4 === 3 && r.status === 200) {
          const s = await send(`${app.url}/api/snapshots`, Buffer.from(JSON.stringify({ traceId, title: `under load ${w}-${i}` })));
          outcomes.push(s);
          if (s.status === 201) snapshots.push((s.json as { id: string }).id);
          if (s.error) return;
        }
      }
    };
    const workers = Array.from({ length: 6 }, (_, w) => worker(w));
    // SIGTERM once a sixth of the load is acknowledged, while the rest is still being sent: a fixed
    // wait ran out of load on a fast machine (all 360 batches answered before it ended).
    const loadUnderway = Date.now() + 60_000;
    while (acked.length < 60 && Date.now() < loadUnderway) await new Promise((r) => setTimeout(r, 10));
    expect(acked.length, "the load ran before SIGTERM").toBeGreaterThanOrEqual(60);
    sigtermAt = Date.now();
    app.process.kill("SIGTERM");
    const { code, signal } = await app.exited;
    const shutdownMs = Date.now() - sigtermAt;
    stop = true;
    await Promise.all(workers);
    console.log(`[standalone] SIGTERM to exit under load: ${shutdownMs} ms; ${acked.length} batches and ${snapshots.length} snapshots acknowledged`);
    expect({ code, signal }).toEqual({ code: 0, signal: null });
    expect(shutdownMs).toBeLessThan(10_000);
    expect(app.output()).toContain("shut down in");

    // Every answer given was a success; every request the server accepted was answered. One it had
    // not accepted yet when it stopped listening may be refused or reset, never half-served.
    const answered = outcomes.filter((o) => o.status !== undefined);
    expect(answered.filter((o) => o.status !== 200 && o.status !== 201)).toEqual([]);
    expect(outcomes.filter((o) => o.accepted && o.status === undefined)).toEqual([]);
    expect(outcomes.filter((o) => o.error && !["ECONNREFUSED", "ECONNRESET", "EPIPE"].includes(o.error))).toEqual([]);
    // Some were in flight when SIGTERM came, and were finished rather than cut.
    expect(answered.some((o) => o.startedAt < sigtermAt && o.endedAt > sigtermAt)).toBe(true);

    // The WAL was checkpointed into the database file on the way out.
    const wal = path.join(dir, "sightline.db-wal");
    expect(!existsSync(wal) || statSync(wal).size === 0).toBe(true);

    // Nothing acknowledged is lost: a new server on the same data directory has all of it.
    const again = await startStandalone(STANDALONE_SHUTDOWN_PORT, env);
    try {
      for (const { traceId, spans } of acked) {
        const res = await fetch(`${again.url}/api/traces/${traceId}`);
        expect(res.status, traceId).toBe(200);
        expect(((await res.json()) as { trace: { spans: unknown[] } }).trace.spans).toHaveLength(spans);
      }
      for (const id of snapshots) expect((await fetch(`${again.url}/api/snapshots/${id}`)).status, id).toBe(200);
    } finally {
      again.process.kill("SIGKILL");
      await again.exited;
    }
  } finally {
    if (app.process.exitCode === null && app.process.signalCode === null) app.process.kill("SIGKILL");
    rmSync(dir, { recursive: true, force: true });
  }
});

test("SIGTERM in aws mode stops every running Logs Insights query (StopQuery) before exiting 0", async () => {
  const aws = await startAwsTestServer();
  const dir = mkdtempSync(path.join(tmpdir(), "sightline-sigterm-aws-"));
  let app: StandaloneServer | undefined;
  try {
    // Queries that would run for a minute: only StopQuery ends them in time.
    aws.configure({ queryRunMs: 60_000 });
    const now = Date.now();
    aws.putLogEvents("/sightline-shutdown/app", "s1", [{ timestamp: now - 30_000, message: "hello" }]);
    app = await startStandalone(STANDALONE_AWS_PORT, awsTestEnv(dir, { AWS_ENDPOINT_URL: aws.url, LOG_GROUPS: "/sightline-shutdown/app" }));
    const ids = [xrayStyleTraceId(now - 60_000), xrayStyleTraceId(now - 50_000)];
    // Traces X-Ray has: their searches start once the trace's window and log groups are known.
    for (const [i, id] of ids.entries()) {
      const start = now - 60_000 + i * 10_000;
      aws.putSegments(toSegments([{ traceId: id, spanId: randomHex(8), service: "shutdown-app", name: "GET /", startMs: start, endMs: start + 500, kind: 2 }]));
    }
    for (const id of ids) {
      const res = await fetch(`${app.url}/api/traces/${id}/logs`);
      expect(res.status).toBe(200);
      expect(((await res.json()) as { status: string }).status).toBe("running");
    }
    // The searches start their queries in the background (log groups first, then StartQuery).
    const startQueries = () => aws.calls.filter((c) => c.op === "StartQuery").length;
    const deadline = Date.now() + 10_000;
    while (startQueries() < ids.length && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect(startQueries(), `AWS calls: ${aws.calls.map((c) => c.op).join(", ")}`).toBeGreaterThanOrEqual(ids.length);
    const started = startQueries();
    const sigtermAt = Date.now();
    app.process.kill("SIGTERM");
    const { code, signal } = await app.exited;
    expect({ code, signal }).toEqual({ code: 0, signal: null });
    expect(Date.now() - sigtermAt).toBeLessThan(10_000);
    expect(aws.calls.filter((c) => c.op === "StopQuery").length).toBe(started);
  } finally {
    if (app && app.process.exitCode === null && app.process.signalCode === null) {
      app.process.kill("SIGKILL");
      await app.exited;
    }
    await aws.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
