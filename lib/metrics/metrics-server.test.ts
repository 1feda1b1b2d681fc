import type { AddressInfo } from "node:net";
import { afterAll, describe, expect, it } from "vitest";
import { metrics } from "./metrics";
import { parseMetricsPort, startMetricsServer } from "./metrics-server";

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
    expect((await fetch(`${base}/api/traces`)).status).toBe(404);
    expect((await fetch(`${base}/metrics`, { method: "POST" })).status).toBe(405);
  });
});
