import http from "node:http";
import type { AddressInfo } from "node:net";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { metrics } from "../metrics/metrics";
import { observeRequest, requestIdFor } from "./request-observer";

const BIG = JSON.stringify({ spans: Array.from({ length: 500 }, (_, i) => ({ id: i, name: "GET /api/orders", service: "checkout" })) });

let server: http.Server;
let base = "";

beforeAll(async () => {
  server = http.createServer((req, res) => {
    observeRequest(req, res, req.socket);
    const url = req.url ?? "/";
    if (url.startsWith("/api/traces/")) {
      // As Next.js sets a route handler's headers: values as arrays.
      res.setHeader("content-type", ["application/json"]);
      res.writeHead(200);
      // Written in pieces, as Next.js streams a route handler's body.
      res.write(BIG.slice(0, 1000));
      res.end(BIG.slice(1000));
    } else if (url === "/api/health") {
      res.writeHead(200, { "content-type": "application/json", "content-length": "15" }).end('{"status":"ok"}');
    } else if (url === "/events") {
      res.writeHead(200, { "content-type": "text/event-stream" }).end(`data: ${BIG}\n\n`);
    } else {
      res.writeHead(404, { "content-type": "application/json" }).end(JSON.stringify({ error: "nope", pad: "x".repeat(2000) }));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

function get(path: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    http
      .get(`${base}${path}`, { headers, agent: false }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      })
      .on("error", reject);
  });
}

const counted = async (route: string, status: string) => {
  const metric = await metrics().httpRequests.get();
  return metric.values.find((v) => v.labels.route === route && v.labels.status === status)?.value ?? 0;
};

describe("request observer", () => {
  it("compresses JSON with brotli or gzip by Accept-Encoding, and not at all when not asked", async () => {
    const br = await get("/api/traces/abc", { "accept-encoding": "gzip, deflate, br, zstd" });
    expect(br.headers["content-encoding"]).toBe("br");
    expect(br.headers.vary).toMatch(/accept-encoding/i);
    expect(brotliDecompressSync(br.body).toString()).toBe(BIG);
    expect(br.body.length).toBeLessThan(BIG.length / 4);

    const gzip = await get("/api/traces/abc", { "accept-encoding": "gzip" });
    expect(gzip.headers["content-encoding"]).toBe("gzip");
    expect(gunzipSync(gzip.body).toString()).toBe(BIG);

    const plain = await get("/api/traces/abc", { "accept-encoding": "identity" });
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(plain.body.toString()).toBe(BIG);
  });

  it("leaves answers of a known size under 1 KiB, and event streams, uncompressed", async () => {
    const small = await get("/api/health", { "accept-encoding": "gzip" });
    expect(small.headers["content-encoding"]).toBeUndefined();
    expect(small.body.toString()).toBe('{"status":"ok"}');
    const events = await get("/events", { "accept-encoding": "gzip" });
    expect(events.headers["content-encoding"]).toBeUndefined();
    expect(events.body.toString()).toContain("data: ");
  });

  it("gives every answer a request ID: the caller's when it is safe, else a new UUID", async () => {
    const given = await get("/api/health", { "x-request-id": "alb-1-67891233-abcdef" });
    expect(given.headers["x-request-id"]).toBe("alb-1-67891233-abcdef");
    const hostile = await get("/api/health", { "x-request-id": 'a b"<script>' });
    expect(hostile.headers["x-request-id"]).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    const none = await get("/api/health");
    expect(none.headers["x-request-id"]).not.toBe(hostile.headers["x-request-id"]);
    expect(requestIdFor("x".repeat(129))).not.toBe("x".repeat(129));
    expect(requestIdFor(["first", "second"])).toBe("first");
  });

  it("counts answers by route template and status, never by the path itself", async () => {
    const before = await counted("/api/traces/[traceId]", "200");
    const missingBefore = await counted("other", "404");
    await get("/api/traces/1-5f8a0b2c-0123456789abcdef01234567");
    await get("/wp-login.php");
    expect(await counted("/api/traces/[traceId]", "200")).toBe(before + 1);
    expect(await counted("other", "404")).toBe(missingBefore + 1);
    const text = await metrics().registry.metrics();
    expect(text).not.toContain("5f8a0b2c");
    expect(text).toMatch(/sightline_http_request_duration_seconds_bucket\{le="0.005",route="\/api\/traces\/\[traceId\]",method="GET"\}/);
  });
});
