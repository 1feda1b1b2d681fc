/**
 * The per-span percentile band: a span slower than its operation's p99 over the hour before the
 * trace is marked on its Gantt row, and its details show the operation's p50 and p99.
 */
import { expect, test } from "@playwright/test";
import { randomHex, tracesRequest, xrayStyleTraceId, type TestSpan } from "./support/otlp-json";

const now = Date.now();
const api = `api-${randomHex(3)}`;
const db = `db-${randomHex(3)}`;

function trace(ageMs: number, queryMs: number) {
  const t0 = now - ageMs;
  const id = xrayStyleTraceId(t0);
  const root = randomHex(8);
  const query = randomHex(8);
  const spans: TestSpan[] = [
    { traceId: id, spanId: root, service: api, name: "GET /orders", kind: 2, startMs: t0, endMs: t0 + queryMs + 20 },
    { traceId: id, spanId: query, parentSpanId: root, service: db, name: "SELECT orders", kind: 3, startMs: t0 + 10, endMs: t0 + 10 + queryMs },
  ];
  return { id, query, root, spans };
}

// 40 usual calls (10…49 ms, shuffled) in the hour before, then one of 900 ms.
const usual = Array.from({ length: 40 }, (_, i) => trace(50 * 60_000 - i * 60_000, 10 + ((i * 17) % 40)));
const slow = trace(5 * 60_000, 900);

test.beforeAll(async ({ request }) => {
  expect((await request.post("/v1/traces", { data: tracesRequest([...usual, slow].flatMap((t) => t.spans)) })).status()).toBe(200);
});

test("a span above its operation's p99 is marked, with p50 and p99 in its details", async ({ page, request }) => {
  const res = await request.get(`/api/traces/${slow.id}/percentiles`);
  expect(res.status()).toBe(200);
  const body = await res.json();
  const band = body.operations.find((o: { service: string }) => o.service === db);
  expect(band).toMatchObject({ name: "SELECT orders", count: 40, p50Ms: 29, p99Ms: 49 });

  await page.goto(`/trace/${slow.id}`);
  const slowRow = page.locator(`[data-testid="span-row"][data-span-id="${slow.query}"]`);
  await expect(slowRow.getByTestId("above-p99")).toBeVisible();
  // The root (GET /orders) is slow too: 920 ms against p99 69 ms.
  await expect(page.getByTestId("above-p99")).toHaveCount(2);
  await slowRow.click();
  await expect(page.getByTestId("percentile-band")).toContainText("Above its operation's p99");
  await expect(page.getByTestId("percentile-band")).toContainText("p50 29 ms · p99 49 ms over 40 calls");
  await page.screenshot({ path: `${test.info().outputDir}/trace-page-band.png` });

  // A usual call (11 ms, with 33 calls before it) is not marked.
  await page.goto(`/trace/${usual[33].id}?span=${usual[33].query}`);
  await expect(page.getByTestId("percentile-band")).toHaveAttribute("data-known", "true");
  await expect(page.getByTestId("above-p99")).toHaveCount(0);
});
