/** OTLP/HTTP ingest of the OpenTelemetry project's own examples, in both encodings, read back through the API. */
import { readFileSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { expect, test } from "@playwright/test";

const fixture = (name: string) => readFileSync(path.resolve(__dirname, "../test/fixtures/otlp", name));
const FIXTURE_TRACE = "5b8efff798038103d269b633813fc60c";

test("the OTLP JSON example trace ingests and comes back with its span, parent, service and attributes", async ({ request }) => {
  const res = await request.post("/v1/traces", { data: fixture("trace.json"), headers: { "content-type": "application/json" } });
  expect(res.status()).toBe(200);
  expect(res.headers()["content-type"]).toContain("application/json");

  for (const form of [FIXTURE_TRACE, FIXTURE_TRACE.toUpperCase(), "1-5b8efff7-98038103d269b633813fc60c"]) {
    const got = await request.get(`/api/traces/${form}`);
    expect(got.status(), form).toBe(200);
    const { trace } = await got.json();
    expect(trace.traceId).toBe(FIXTURE_TRACE);
    expect(trace.xrayTraceId).toBe("1-5b8efff7-98038103d269b633813fc60c");
    expect(trace.spans).toHaveLength(1);
    expect(trace.spans[0]).toMatchObject({
      spanId: "eee19b7ec3c1b174",
      parentSpanId: "eee19b7ec3c1b173",
      service: "my.service",
      name: "I'm a server span",
      kind: "server",
      startTime: 1544712660000,
      endTime: 1544712661000,
      durationMs: 1000,
      status: "ok",
      attributes: { "my.span.attr": "some value" },
    });
    expect(trace.services).toEqual(["my.service"]);
  }
});

test("the protobuf example ingests (gzip too) and is the same trace as the JSON one", async ({ request }) => {
  const plain = await request.post("/v1/traces", {
    data: fixture("trace.protobuf-bin"),
    headers: { "content-type": "application/x-protobuf" },
  });
  expect(plain.status()).toBe(200);
  expect(plain.headers()["content-type"]).toBe("application/x-protobuf");
  const gz = await request.post("/v1/traces", {
    data: gzipSync(fixture("trace.protobuf-bin")),
    headers: { "content-type": "application/x-protobuf", "content-encoding": "gzip" },
  });
  expect(gz.status()).toBe(200);
  const { trace } = await (await request.get(`/api/traces/${FIXTURE_TRACE}`)).json();
  expect(trace.spans).toHaveLength(1);
  expect(trace.spans[0]).toMatchObject({ spanId: "eee19b7ec3c1b174", service: "my.service", attributes: { "my.span.attr": "some value" } });
});

test("the OTLP logs example comes back through the trace's logs with its span ID and typed attributes", async ({ request }) => {
  const res = await request.post("/v1/logs", { data: fixture("logs.json"), headers: { "content-type": "application/json" } });
  expect(res.status()).toBe(200);
  const body = await (await request.get(`/api/traces/${FIXTURE_TRACE}/logs`)).json();
  expect(body.status).toBe("complete");
  expect(body.events).toHaveLength(1);
  expect(body.events[0]).toMatchObject({
    timestamp: 1544712660300,
    message: "Example log record",
    level: "info",
    service: "my.service",
    traceId: FIXTURE_TRACE,
    spanId: "eee19b7ec3c1b174",
    fields: {
      "string.attribute": "some string",
      "boolean.attribute": true,
      "int.attribute": 10,
      "double.attribute": 637.704,
      "array.attribute": ["many", "values"],
      "map.attribute": { "some.map.key": "some value" },
    },
  });
});
