/**
 * The deployable build, started the way the image starts it: `node server.js` in the standalone
 * folder (scripts/build-standalone.sh). npm test runs this on the machine's Node, and again on
 * Node 24 with a copy of the folder whose native addon is built for it (scripts/node24.sh).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { randomHex, tracesRequest, xrayStyleTraceId } from "./support/otlp-json";
import { STANDALONE_PORT } from "./support/ports";
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
  const { stdout } = await import("node:child_process").then((cp) =>
    cp.spawnSync(STANDALONE_NODE, ["--version"], { encoding: "utf8" }),
  );
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
    { traceId, spanId: randomHex(8), parentSpanId: root, service: "standalone-orders", name: "SELECT orders", startMs: now - 59_900, endMs: now - 59_200, kind: 3 },
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
