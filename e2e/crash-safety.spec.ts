/**
 * Durability: the server is SIGKILLed during heavy ingest and restarted; every span whose request
 * was answered 200 is there, and every batch is stored whole or not at all.
 */
import { rmSync } from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { startAppServer, waitForExit, type AppServer } from "./support/app-server";
import { CRASH_PORT } from "./support/ports";
import { randomHex, tracesRequest, xrayStyleTraceId, type TestSpan } from "./support/otlp-json";

const DATA_DIR = path.resolve(__dirname, "../test-results/crash-data");
const SPANS_PER_BATCH = 200;
const SENDERS = 4;

function batch(): { traceId: string; body: string } {
  const traceId = xrayStyleTraceId(Date.now());
  const start = Date.now() - 5000;
  const rootId = randomHex(8);
  const spans: TestSpan[] = Array.from({ length: SPANS_PER_BATCH }, (_, i) => ({
    traceId,
    spanId: i === 0 ? rootId : randomHex(8),
    parentSpanId: i === 0 ? undefined : rootId,
    service: `svc-${i % 5}`,
    name: `op ${i}`,
    startMs: start + i,
    endMs: start + i + 3,
    attributes: { "http.route": "/orders/{id}", "app.index": i },
  }));
  return { traceId, body: JSON.stringify(tracesRequest(spans)) };
}

test("SIGKILL during heavy ingest loses no acknowledged span", async () => {
  test.setTimeout(180_000);
  rmSync(DATA_DIR, { recursive: true, force: true });
  const env = { DATA_DIR, RETENTION_DAYS: "36500" };
  let server: AppServer = await startAppServer(CRASH_PORT, env);

  const acknowledged: string[] = [];
  const attempted: string[] = [];
  let killed = false;
  const sender = async () => {
    while (!killed) {
      const { traceId, body } = batch();
      attempted.push(traceId);
      try {
        const res = await fetch(`${server.url}/v1/traces`, { method: "POST", body, headers: { "content-type": "application/json" } });
        if (res.status === 200) acknowledged.push(traceId);
      } catch {
        // The connection died with the server: this batch was never acknowledged.
      }
    }
  };
  const senders = Array.from({ length: SENDERS }, sender);
  while (acknowledged.length < 60) await new Promise((r) => setTimeout(r, 20));
  server.process.kill("SIGKILL");
  killed = true;
  await Promise.all(senders);
  await waitForExit(server.process);
  expect(server.process.signalCode).toBe("SIGKILL");

  server = await startAppServer(CRASH_PORT, env);
  try {
    const counts = new Map<string, number>();
    for (const traceId of attempted) {
      const res = await fetch(`${server.url}/api/traces/${traceId}`);
      counts.set(traceId, res.status === 200 ? (await res.json()).trace.spans.length : 0);
    }
    const lost = acknowledged.filter((t) => counts.get(t) !== SPANS_PER_BATCH);
    expect(lost, `acknowledged traces missing spans after the crash`).toEqual([]);
    const torn = attempted.filter((t) => counts.get(t) !== 0 && counts.get(t) !== SPANS_PER_BATCH);
    expect(torn, "batches half-written").toEqual([]);
    expect(acknowledged.length).toBeGreaterThanOrEqual(60);
  } finally {
    server.process.kill("SIGTERM");
    await waitForExit(server.process);
  }
});
