/** Alert link → incident page (RED charts, map, slowest and failing traces) → trace page with logs. */
import { expect, test } from "@playwright/test";
import { logsRequest, randomHex, tracesRequest, xrayStyleTraceId, type TestSpan } from "./support/otlp-json";

const now = Date.now();
const slowTraceId = xrayStyleTraceId(now - 120_000);
const slowRootId = randomHex(8);

function request(i: number, traceId: string, rootId: string, startMs: number, checkoutMs: number, fault: boolean): TestSpan[] {
  const checkoutId = randomHex(8);
  return [
    { traceId, spanId: rootId, service: "inc-gateway", name: `GET /cart/${i}`, kind: 2, startMs, endMs: startMs + checkoutMs + 20 },
    {
      traceId,
      spanId: checkoutId,
      parentSpanId: rootId,
      service: "inc-checkout",
      name: "POST /checkout",
      kind: 2,
      startMs: startMs + 5,
      endMs: startMs + 5 + checkoutMs,
      statusCode: fault ? 2 : 0,
      attributes: fault ? { "http.response.status_code": 503 } : {},
    },
    {
      traceId,
      spanId: randomHex(8),
      parentSpanId: checkoutId,
      service: "inc-checkout",
      name: "SELECT carts",
      kind: 3,
      startMs: startMs + 10,
      endMs: startMs + 15,
      attributes: { "db.system": "postgresql", "db.name": "carts" },
    },
  ];
}

test.beforeAll(async ({ request: api }) => {
  const spans: TestSpan[] = [];
  for (let i = 0; i < 12; i++) {
    const start = now - 600_000 + i * 40_000;
    spans.push(...request(i, xrayStyleTraceId(start), randomHex(8), start, 40 + i * 5, i % 4 === 3));
  }
  spans.push(...request(99, slowTraceId, slowRootId, now - 120_000, 1_900, false));
  expect((await api.post("/v1/traces", { data: tracesRequest(spans) })).status()).toBe(200);
  const logs = logsRequest([{ service: "inc-gateway", timeMs: now - 119_000, body: "cart lookup is slow", traceId: slowTraceId, spanId: slowRootId }]);
  expect((await api.post("/v1/logs", { data: logs })).status()).toBe(200);
});

const alertLink = (service: string) => `/incident?service=${service}&at=${new Date(now).toISOString()}&window=30m`;

test("an alert link shows RED charts, the map with the service highlighted, and its slowest trace one click from the trace page", async ({ page }) => {
  await page.goto(alertLink("inc-checkout"));
  await expect(page.getByTestId("incident-service")).toHaveText("inc-checkout");
  await expect(page.locator('[data-testid="red-charts"] .recharts-wrapper > svg.recharts-surface')).toHaveCount(3);
  await expect(page.getByTestId("incident-totals")).toContainText("13 requests");
  await expect(page.getByTestId("incident-totals")).toContainText("3 faults");
  // The map lays out in a worker after the evidence above it: give it time on a busy machine.
  await expect(page.locator('[data-testid="map-node"][data-service="inc-checkout"]')).toHaveAttribute("data-selected", "true", { timeout: 15_000 });
  await expect(page.locator('[data-testid="map-node"][data-service="inc-gateway"]')).toBeVisible();
  await expect(page.getByTestId("failing-traces").getByTestId("trace-row")).toHaveCount(3);

  const slowest = page.getByTestId("slowest-traces").getByTestId("trace-row").first();
  await expect(slowest).toContainText("GET /cart/99");
  await slowest.getByRole("link").click();
  await expect(page).toHaveURL(new RegExp(`/trace/${slowTraceId}$`));
  await expect(page.getByTestId("log-row")).toHaveCount(1);
  await expect(page.getByTestId("log-row")).toContainText("cart lookup is slow");
});

test("clicking another service on the map opens its incident view", async ({ page }) => {
  await page.goto(alertLink("inc-checkout"));
  await page.locator('[data-testid="map-node"][data-service="inc-gateway"]').click();
  await expect(page).toHaveURL(/service=inc-gateway/);
  await expect(page.getByTestId("incident-service")).toHaveText("inc-gateway");
  await expect(page.locator('[data-testid="map-node"][data-service="inc-gateway"]')).toHaveAttribute("data-selected", "true");
});

test("bad parameters give a message naming what is wrong and what is accepted", async ({ page }) => {
  const at = new Date(now).toISOString();
  await page.goto(`/incident?service=no-such-service&at=${at}`);
  await expect(page.getByTestId("incident-error")).toContainText('No service "no-such-service"');
  await expect(page.getByTestId("incident-error")).toContainText("inc-checkout");

  await page.goto("/incident?service=inc-checkout&at=soon");
  await expect(page.getByTestId("incident-error")).toContainText('at "soon" is not a time');
  await expect(page.getByTestId("incident-error")).toContainText("epoch seconds");
  // `at` may be left out (the window then ends now): the help does not call it required.
  await expect(page.getByTestId("incident-help-at")).toContainText("optional");
  await expect(page.getByTestId("incident-help-at")).not.toContainText("required");

  await page.goto(`/incident?service=inc-checkout&at=${at}&window=48h`);
  await expect(page.getByTestId("incident-error")).toContainText("window 48h is too long: at most 24h.");

  await page.goto(`/incident?at=${Math.floor(now / 1000)}`);
  await expect(page.getByTestId("incident-error")).toContainText("service is missing");
});

test("the statistics API answers the series and histogram, and names a bad parameter", async ({ request: api }) => {
  // Steps are aligned to multiples of the step: a minute-aligned half hour has 30.
  const start = Math.floor((now - 1_200_000) / 60_000) * 60_000;
  const window = `from=${start}&to=${start + 1_800_000}`;
  const ok = await api.get(`/api/services/inc-checkout/stats?${window}&step=60000`);
  expect(ok.status()).toBe(200);
  const body = (await ok.json()) as { stepMs: number; series: { requests: number; faults: number }[]; histogram: { leMs: number; count: number }[] };
  expect(body.stepMs).toBe(60_000);
  expect(body.series).toHaveLength(30);
  expect(body.series.reduce((n, p) => n + p.requests, 0)).toBe(13);
  expect(body.series.reduce((n, p) => n + p.faults, 0)).toBe(3);
  expect(body.histogram.reduce((n, b) => n + b.count, 0)).toBe(13);

  const step = await api.get(`/api/services/inc-checkout/stats?${window}&step=1000`);
  expect(step.status()).toBe(400);
  expect(((await step.json()) as { error: { code: string } }).error.code).toBe("invalid_step");
  const from = await api.get("/api/services/inc-checkout/stats?from=soon&to=5");
  expect(((await from.json()) as { error: { message: string } }).error.message).toMatch(/^from: /);
  const name = await api.get(`/api/services/${encodeURIComponent('a"b')}/stats`);
  expect(((await name.json()) as { error: { code: string } }).error.code).toBe("invalid_service");
});
