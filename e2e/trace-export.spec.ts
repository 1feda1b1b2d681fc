/**
 * Export of a trace as OTLP JSON (local project): the export is an ExportTraceServiceRequest that
 * Sightline's own ingest takes back, span for span; the trace page's "Export OTLP" downloads it.
 * aws-only links are in aws-links.spec.ts.
 */
import { expect, test } from "@playwright/test";
import { randomHex, tracesRequest, xrayStyleTraceId, type TestSpan } from "./support/otlp-json";

interface ApiSpan {
  spanId: string;
  parentSpanId: string | null;
  service: string;
  name: string;
  kind: string;
  startTime: number;
  endTime: number;
  status: string;
  attributes: Record<string, unknown>;
}

function seedSpans(): { traceId: string; spans: TestSpan[] } {
  const start = Date.now() - 10 * 60_000 + 0.123;
  const traceId = xrayStyleTraceId(start);
  const root = randomHex(8);
  const child = randomHex(8);
  const spans: TestSpan[] = [
    {
      traceId,
      spanId: root,
      service: "export-gw",
      name: "GET /export",
      kind: 2,
      startMs: start,
      endMs: start + 250.456,
      attributes: { "http.response.status_code": 200, "http.request.method": "GET", sampled: true, ratio: 0.75 },
    },
    {
      traceId,
      spanId: child,
      parentSpanId: root,
      service: "export-db",
      name: "SELECT",
      kind: 3,
      startMs: start + 10.001,
      endMs: start + 20.5,
      statusCode: 2,
      attributes: { "db.system": "postgresql" },
    },
    { traceId, spanId: randomHex(8), parentSpanId: child, service: "export-db", name: "fetch rows", kind: 1, startMs: start + 11, endMs: start + 19.999 },
  ];
  return { traceId, spans };
}

const comparable = (spans: ApiSpan[]) =>
  spans
    .map((s) => ({
      spanId: s.spanId,
      parentSpanId: s.parentSpanId,
      service: s.service,
      name: s.name,
      kind: s.kind,
      startUs: Math.round(s.startTime * 1000),
      endUs: Math.round(s.endTime * 1000),
      status: s.status,
      attributes: s.attributes,
    }))
    .sort((a, b) => a.spanId.localeCompare(b.spanId));

interface ExportedSpan {
  traceId: string;
  links?: unknown[];
}
interface Exported {
  resourceSpans: { resource: unknown; scopeSpans: { spans: ExportedSpan[] }[] }[];
}

test("GET /api/traces/{id}/otlp is an OTLP/JSON attachment that POST /v1/traces takes back, span for span", async ({ request }) => {
  const seed = seedSpans();
  expect((await request.post("/v1/traces", { data: tracesRequest(seed.spans) })).status()).toBe(200);
  const original = (await (await request.get(`/api/traces/${seed.traceId}`)).json()).trace as { spans: ApiSpan[] };
  expect(original.spans).toHaveLength(3);

  const res = await request.get(`/api/traces/${seed.traceId}/otlp`);
  expect(res.status()).toBe(200);
  expect(res.headers()["content-type"]).toContain("application/json");
  expect(res.headers()["content-disposition"]).toContain(`attachment; filename="trace-${seed.traceId}.otlp.json"`);
  const exported = (await res.json()) as Exported;
  expect(exported.resourceSpans.length).toBe(2);
  const text = JSON.stringify(exported);

  // Re-ingesting the export as it is changes nothing (the store keys spans by trace and span ID).
  expect((await request.post("/v1/traces", { data: text, headers: { "content-type": "application/json" } })).status()).toBe(200);
  const again = (await (await request.get(`/api/traces/${seed.traceId}`)).json()).trace as { spans: ApiSpan[] };
  expect(comparable(again.spans)).toEqual(comparable(original.spans));

  // Under a fresh trace ID, the export is the same trace again.
  const fresh = xrayStyleTraceId(Date.now());
  const copy = JSON.parse(text.replaceAll(`"traceId":"${seed.traceId}"`, `"traceId":"${fresh}"`)) as Exported;
  expect((await request.post("/v1/traces", { data: copy })).status()).toBe(200);
  const reimported = await request.get(`/api/traces/${fresh}`);
  expect(reimported.status()).toBe(200);
  expect(comparable(((await reimported.json()).trace as { spans: ApiSpan[] }).spans)).toEqual(comparable(original.spans));
});

test("the export answers 404 for an unknown trace and 400 for a malformed ID, like the trace route", async ({ request }) => {
  const missing = await request.get(`/api/traces/${randomHex(16)}/otlp`);
  expect(missing.status()).toBe(404);
  expect((await missing.json()).error.code).toBe("trace_not_found");
  const bad = await request.get("/api/traces/not-a-trace/otlp");
  expect(bad.status()).toBe(400);
  expect((await bad.json()).error.code).toBe("invalid_trace_id");
});

test("in local mode the AWS links route says it is not available", async ({ request }) => {
  const res = await request.get(`/api/traces/${randomHex(16)}/aws-links`);
  expect(res.status()).toBe(404);
  const body = await res.json();
  expect(body.error.code).toBe("not_available");
  expect(body.error.message).toContain("aws");
});

test("the trace page's Export OTLP downloads the trace, and shows no AWS links in local mode", async ({ page, request }) => {
  const seed = seedSpans();
  expect((await request.post("/v1/traces", { data: tracesRequest(seed.spans) })).status()).toBe(200);
  await page.goto(`/trace/${seed.traceId}`);
  await expect(page.getByTestId("span-row")).toHaveCount(3);
  const link = page.getByTestId("export-otlp");
  await expect(link).toBeVisible();
  const [download] = await Promise.all([page.waitForEvent("download"), link.click()]);
  expect(download.suggestedFilename()).toBe(`trace-${seed.traceId}.otlp.json`);
  const path = await download.path();
  const { readFile } = await import("node:fs/promises");
  const body = JSON.parse(await readFile(path, "utf8")) as Exported;
  const ids = body.resourceSpans.flatMap((r) => r.scopeSpans.flatMap((s) => s.spans.map((sp) => sp.traceId)));
  expect(ids).toEqual([seed.traceId, seed.traceId, seed.traceId]);
  await expect(page.getByTestId("open-aws-console")).toHaveCount(0);
  await expect(page.getByTestId("copy-logs-query")).toHaveCount(0);
});
