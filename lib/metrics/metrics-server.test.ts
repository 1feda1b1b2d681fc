import { mkdtempSync, rmSync } from "node:fs";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { getStore } from "../sources/local/store/singleton";
import { KEEP_EVERYTHING } from "../sources/local/store/test-helpers";
import { metrics } from "./metrics";
import { parseMetricsPort, startMetricsServer } from "./metrics-server";

// /metrics reports the embedded store's size: a store of the test's own (opened here without the
// server's worker threads, and cached for DATA_DIR), never the checkout's ./data.
const dataDir = mkdtempSync(path.join(os.tmpdir(), "sightline-metrics-"));
const store = getStore({ dataDir, retention: KEEP_EVERYTHING });
beforeAll(() => {
  vi.stubEnv("DATA_DIR", dataDir);
});
afterAll(() => {
  vi.unstubAllEnvs();
  store.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe("parseMetricsPort", () => {
  it("is off when unset, a port when valid, and names a bad value", () => {
    expect(parseMetricsPort({}, "3000")).toBeNull();
    expect(parseMetricsPort({ METRICS_PORT: " 9464 " }, "3000")).toBe(9464);
    expect(() => parseMetricsPort({ METRICS_PORT: "http" }, "3000")).toThrow(/METRICS_PORT must be a TCP port/);
    expect(() => parseMetricsPort({ METRICS_PORT: "70000" }, "3000")).toThrow(/METRICS_PORT/);
    expect(() => parseMetricsPort({ METRICS_PORT: "3000" }, "3000")).toThrow(/must differ/);
  });
});

describe("startMetricsServer", () => {
  const server = startMetricsServer(0, "127.0.0.1");
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("answers GET /metrics in the Prometheus text format, and nothing else", async () => {
    await new Promise<void>((resolve) => (server.listening ? resolve() : server.once("listening", () => resolve())));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    metrics().awsCalls.inc({ service: "xray", operation: "GetTraceSummaries", outcome: "throttled" });
    const res = await fetch(`${base}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await res.text();
    expect(text).toMatch(/sightline_aws_calls_total\{service="xray",operation="GetTraceSummaries",outcome="throttled"\} [1-9]/);
    expect(text).toContain("nodejs_eventloop_lag_seconds");
    expect(text).toContain("sightline_login_failures_total");
    expect(text).toMatch(/^sightline_store_size_bytes [1-9]\d*$/m);
    expect((await fetch(`${base}/api/traces`)).status).toBe(404);
    expect((await fetch(`${base}/metrics`, { method: "POST" })).status).toBe(405);
  });
});
