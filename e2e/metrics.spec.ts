/**
 * The server reports on itself (issue 12): compressed answers with a request ID, and /metrics
 * counting what it did — here, the spans an OTLP export brought in and the requests answered.
 */
import http from "node:http";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { expect, test } from "@playwright/test";
import { buildKnownTrace } from "./support/known-trace";
import { tracesRequest } from "./support/otlp-json";
import { E2E_PORT } from "./support/ports";

function raw(path: string, acceptEncoding: string): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    http
      .get(`http://127.0.0.1:${E2E_PORT}${path}`, { headers: { "accept-encoding": acceptEncoding }, agent: false }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      })
      .on("error", reject);
  });
}

/** The value of one sample in the exposition text (0 when absent). */
function sample(text: string, name: string, labels: Record<string, string>): number {
  const want = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
  for (const line of text.split("\n")) {
    if (!line.startsWith(`${name}{`)) continue;
    const inside = line.slice(name.length + 1, line.indexOf("}"));
    if (want.every((pair) => inside.split(",").includes(pair))) return Number(line.slice(line.lastIndexOf(" ") + 1));
  }
  return 0;
}

test("API JSON and pages come back compressed as the browser asks, each with a request ID", async ({ request }) => {
  const known = buildKnownTrace();
  expect((await request.post("/v1/traces", { data: tracesRequest(known.spans) })).status()).toBe(200);

  const br = await raw(`/api/traces/${known.traceId}`, "gzip, deflate, br, zstd");
  expect(br.status).toBe(200);
  expect(br.headers["content-encoding"]).toBe("br");
  expect(br.headers["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/);
  const trace = JSON.parse(brotliDecompressSync(br.body).toString()) as { trace: { traceId: string; spans: unknown[] } };
  expect(trace.trace.traceId).toBe(known.traceId);
  // The spans sent, and the inferred database node under the call to it.
  expect(trace.trace.spans.length).toBeGreaterThanOrEqual(known.spans.length);

  const gzip = await raw(`/api/traces/${known.traceId}`, "gzip");
  expect(gzip.headers["content-encoding"]).toBe("gzip");
  expect(JSON.parse(gunzipSync(gzip.body).toString())).toEqual(trace);

  const plain = await raw(`/api/traces/${known.traceId}`, "identity");
  expect(plain.headers["content-encoding"]).toBeUndefined();
  expect(JSON.parse(plain.body.toString())).toEqual(trace);

  const page = await raw(`/trace/${known.traceId}`, "gzip, br");
  expect(page.status).toBe(200);
  expect(page.headers["content-encoding"]).toBe("br");
  expect(brotliDecompressSync(page.body).toString()).toContain("<!DOCTYPE html>");
});

test("/metrics counts the spans an export brought in and the requests answered, by route template", async ({ request }) => {
  const scrape = async () => {
    const res = await request.get("/metrics");
    expect(res.status()).toBe(200);
    expect(res.headers()["content-type"]).toMatch(/^text\/plain; version=0\.0\.4/);
    return res.text();
  };
  const before = await scrape();
  const known = buildKnownTrace();
  expect((await request.post("/v1/traces", { data: tracesRequest(known.spans) })).status()).toBe(200);
  expect((await request.get(`/api/traces/${known.traceId}`)).status()).toBe(200);
  expect((await request.post("/v1/traces", { data: "{not json", headers: { "content-type": "application/json" } })).status()).toBe(400);
  const after = await scrape();

  const delta = (name: string, labels: Record<string, string>) => sample(after, name, labels) - sample(before, name, labels);
  expect(delta("sightline_otlp_items_total", { signal: "spans", outcome: "accepted" })).toBe(known.spans.length);
  expect(delta("sightline_otlp_requests_total", { signal: "traces", status: "400" })).toBe(1);
  expect(delta("sightline_http_requests_total", { route: "/api/traces/[traceId]", method: "GET", status: "200" })).toBeGreaterThanOrEqual(1);
  expect(delta("sightline_http_request_duration_seconds_count", { route: "/v1/traces", method: "POST" })).toBeGreaterThanOrEqual(2);
  // Labels are templates: no trace ID ever becomes a label value.
  expect(after).not.toContain(known.traceId);
  expect(sample(after, "sightline_store_size_bytes", {}) || Number(/^sightline_store_size_bytes (\S+)$/m.exec(after)?.[1])).toBeGreaterThan(0);
  expect(after).toMatch(/^nodejs_eventloop_lag_seconds \S+$/m);
});
