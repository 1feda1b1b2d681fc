/** Bad OTLP input: each a 4xx with a message, nothing half-written, and the server keeps serving. */
import { gzipSync } from "node:zlib";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { randomHex, tracesRequest, xrayStyleTraceId, type TestSpan } from "./support/otlp-json";

const goodSpan = (traceId: string): TestSpan => ({
  traceId,
  spanId: randomHex(8),
  service: "ingest-check",
  name: "ok span",
  startMs: Date.now() - 1000,
  endMs: Date.now() - 900,
});

async function expectNotStored(request: APIRequestContext, traceId: string) {
  expect((await request.get(`/api/traces/${traceId}`)).status()).toBe(404);
}

async function expectServing(request: APIRequestContext) {
  const traceId = xrayStyleTraceId(Date.now());
  expect((await request.post("/v1/traces", { data: tracesRequest([goodSpan(traceId)]) })).status()).toBe(200);
  expect((await request.get(`/api/traces/${traceId}`)).status()).toBe(200);
}

test("a batch with one invalid span ID is rejected whole: the valid span beside it is not stored", async ({ request }) => {
  const traceId = xrayStyleTraceId(Date.now());
  const body = tracesRequest([goodSpan(traceId), { ...goodSpan(traceId), spanId: "abc" }]);
  const res = await request.post("/v1/traces", { data: body });
  expect(res.status()).toBe(400);
  const status = await res.json();
  expect(status.code).toBe(3);
  expect(status.message).toMatch(/spanId/);
  await expectNotStored(request, traceId);
  await expectServing(request);
});

test("malformed JSON, wrong JSON shapes, and invalid trace IDs are 400 with an OTLP status message", async ({ request }) => {
  const traceId = xrayStyleTraceId(Date.now());
  const valid = tracesRequest([goodSpan(traceId)]);
  const payloads: [string, string][] = [
    ["truncated JSON", JSON.stringify(valid).slice(0, 60)],
    ["an array", "[1,2,3]"],
    ["resourceSpans is a string", JSON.stringify({ resourceSpans: "nope" })],
    ["15-byte trace ID", JSON.stringify(tracesRequest([{ ...goodSpan(traceId), traceId: traceId.slice(0, 30) }]))],
    ["all-zero trace ID", JSON.stringify(tracesRequest([{ ...goodSpan(traceId), traceId: "0".repeat(32) }]))],
    ["non-hex trace ID", JSON.stringify(tracesRequest([{ ...goodSpan(traceId), traceId: "z".repeat(32) }]))],
  ];
  for (const [what, data] of payloads) {
    const res = await request.post("/v1/traces", { data, headers: { "content-type": "application/json" } });
    expect(res.status(), what).toBe(400);
    const body = await res.json();
    expect(body.message, what).toBeTruthy();
  }
  await expectNotStored(request, traceId);
  await expectServing(request);
});

test("malformed protobuf is a 400 with a google.rpc.Status body", async ({ request }) => {
  for (const data of [Buffer.from([0x0a, 0xff, 0xff, 0xff, 0x0f, 0x01]), Buffer.from("this is not protobuf at all")]) {
    const res = await request.post("/v1/traces", { data, headers: { "content-type": "application/x-protobuf" } });
    expect(res.status()).toBe(400);
    expect(res.headers()["content-type"]).toBe("application/x-protobuf");
    const bytes = await res.body();
    expect(bytes[0]).toBe(0x08); // field 1 (code), varint
    expect(bytes[1]).toBe(3); // INVALID_ARGUMENT
    expect(bytes.subarray(4).toString("utf8").length).toBeGreaterThan(5);
  }
  const logs = await request.post("/v1/logs", { data: Buffer.from([0xff, 0xff]), headers: { "content-type": "application/x-protobuf" } });
  expect(logs.status()).toBe(400);
  await expectServing(request);
});

test("wrong content type is 415, bad gzip 400, unknown encoding 415", async ({ request }) => {
  const valid = JSON.stringify(tracesRequest([goodSpan(xrayStyleTraceId(Date.now()))]));
  const text = await request.post("/v1/traces", { data: valid, headers: { "content-type": "text/plain" } });
  expect(text.status()).toBe(415);
  expect((await text.json()).message).toMatch(/Content-Type must be/);
  const badGzip = await request.post("/v1/traces", {
    data: Buffer.from("not gzip"),
    headers: { "content-type": "application/json", "content-encoding": "gzip" },
  });
  expect(badGzip.status()).toBe(400);
  expect((await badGzip.json()).message).toMatch(/gzip/);
  const br = await request.post("/v1/traces", { data: valid, headers: { "content-type": "application/json", "content-encoding": "br" } });
  expect(br.status()).toBe(415);
  await expectServing(request);
});

test("a body over the 16 MiB limit is 413, raw or as a gzip bomb", async ({ request }) => {
  const big = Buffer.alloc(17 * 1024 * 1024, 0x20);
  const raw = await request.post("/v1/traces", { data: big, headers: { "content-type": "application/json" } });
  expect(raw.status()).toBe(413);
  expect((await raw.json()).message).toMatch(/limit of 16777216 bytes \(INGEST_MAX_BODY_MB\)/);
  const bomb = await request.post("/v1/traces", {
    data: gzipSync(big),
    headers: { "content-type": "application/json", "content-encoding": "gzip" },
  });
  expect(bomb.status()).toBe(413);
  await expectServing(request);
});
