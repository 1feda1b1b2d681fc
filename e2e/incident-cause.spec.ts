/**
 * From symptom to cause: an alert link on a planted incident. A deploy of rc-api (3.2.0) makes its
 * calls to a third-party payments API time out; the incident page must name the payments API first
 * under "Where it fails", the new version first under "What is different", the timeout under "Top
 * errors", and the deploy on the charts; the payments API, which emits no spans, opens like any
 * service. Counts clicks from the alert link to the failing dependency and to the root-cause log line.
 */
import { expect, test } from "@playwright/test";
import { logsRequest, randomHex, tracesRequest, xrayStyleTraceId, type TestLog, type TestSpan } from "./support/otlp-json";

const now = Date.now();
const MIN = 60_000;
// Playwright reruns beforeAll in a new worker after a failure: names of this worker's own keep
// the counts exact whatever ran before.
const TAG = randomHex(3);
const API = `rc-api-${TAG}`;
const PAYMENTS = `rc-payments-${TAG}.example`;
const failingIds: string[] = [];

function request(i: number, start: number, version: string, fails: boolean): { spans: TestSpan[]; logs: TestLog[] } {
  const traceId = xrayStyleTraceId(start);
  const root = randomHex(8);
  const pay = randomHex(8);
  const payMs = fails ? 9_000 + i : 150 + (i % 7) * 10;
  const resource = { "service.version": version, "cloud.availability_zone": ["eu-west-1a", "eu-west-1b"][i % 2] };
  const attributes = { "customer.tier": ["free", "pro", "enterprise"][i % 3], "http.route": "/checkout" };
  if (fails) failingIds.push(traceId);
  const spans: TestSpan[] = [
    {
      traceId,
      spanId: root,
      service: API,
      name: "POST /checkout",
      kind: 2,
      startMs: start,
      endMs: start + payMs + 40,
      statusCode: fails ? 2 : 0,
      attributes: { ...attributes, "http.response.status_code": fails ? 502 : 200 },
      resource,
    },
    {
      traceId,
      spanId: randomHex(8),
      parentSpanId: root,
      service: API,
      name: "SELECT carts",
      kind: 3,
      startMs: start + 2,
      endMs: start + 12,
      attributes: { "db.system": "postgresql", "db.name": `rcdb-${TAG}` },
      resource,
    },
    {
      traceId,
      spanId: pay,
      parentSpanId: root,
      service: API,
      name: "POST",
      kind: 3,
      startMs: start + 15,
      endMs: start + 15 + payMs,
      statusCode: fails ? 2 : 0,
      attributes: { "http.request.method": "POST", "url.full": `https://${PAYMENTS}/v1/charges`, "http.response.status_code": fails ? 504 : 200 },
      resource,
      events: fails
        ? [
            {
              name: "exception",
              timeMs: start + 15 + payMs,
              attributes: { "exception.type": "PaymentTimeout", "exception.message": `Charge ch_${randomHex(6)} timed out after ${payMs} ms` },
            },
          ]
        : [],
    },
  ];
  const logs: TestLog[] = fails
    ? [
        {
          service: API,
          timeMs: start + 16 + payMs,
          body: `payment failed for order ord_${randomHex(6)}: provider timeout`,
          traceId,
          spanId: pay,
          severityNumber: 17,
        },
      ]
    : [];
  return { spans, logs };
}

test.beforeAll(async ({ request: api }) => {
  const spans: TestSpan[] = [];
  const logs: TestLog[] = [];
  const add = (r: { spans: TestSpan[]; logs: TestLog[] }) => {
    spans.push(...r.spans);
    logs.push(...r.logs);
  };
  // The baseline (the 30 minutes before the window): 3.1.0, healthy.
  for (let i = 0; i < 30; i++) add(request(i, now - 48 * MIN + i * 50_000, "3.1.0", false));
  // The window: 3.2.0 on half the fleet from 19 minutes before the alert; nearly all its requests fail.
  for (let i = 0; i < 40; i++) {
    const onNew = i % 2 === 0;
    add(request(100 + i, now - 19 * MIN + i * 25_000, onNew ? "3.2.0" : "3.1.0", onNew ? i % 10 !== 0 : i === 7));
  }
  expect((await api.post("/v1/traces", { data: tracesRequest(spans) })).status()).toBe(200);
  expect((await api.post("/v1/logs", { data: logsRequest(logs) })).status()).toBe(200);
});

const alertLink = (service: string) => `/incident?service=${encodeURIComponent(service)}&at=${new Date(now).toISOString()}&window=30m`;

test("the incident page names the failing dependency, the planted cause, the top error and the deploy", async ({ page }) => {
  await page.goto(alertLink(API));
  const breakdown = page.getByTestId("breakdown-row");
  await expect(breakdown.first()).toHaveAttribute("data-dependency", PAYMENTS);
  await expect(breakdown.first()).toContainText("failed");
  await expect(page.locator(`[data-testid="breakdown-row"][data-dependency="rcdb-${TAG}"]`)).toBeVisible();

  const divergence = page.getByTestId("divergence-row");
  await expect(divergence.first()).toHaveAttribute("data-key", "service.version");
  await expect(divergence.first()).toHaveAttribute("data-value", "3.2.0");
  // What only restates the failure is listed apart.
  await expect(page.locator('[data-testid="divergence-row"][data-key="http.response.status_code"]')).toHaveCount(0);

  const timeouts = page.getByTestId("error-group").filter({ hasText: "PaymentTimeout" });
  await expect(timeouts).toContainText("×17");
  await expect(timeouts).toContainText("Charge <id> timed out after <n> ms");
  await expect(page.getByTestId("error-group").filter({ hasText: "payment failed for order <id>: provider timeout" })).toContainText("×17");
  await expect(page.locator(`[data-testid="version-change"][data-service="${API}"]`)).toHaveAttribute("data-version", "3.2.0");

  // A group opens every trace that has it.
  await timeouts.getByTestId("error-group-traces").click();
  await expect(page).toHaveURL(/\/traces\?.*exception=PaymentTimeout/);
  await expect(page.getByTestId("trace-row")).toHaveCount(17);
  await page.goBack();

  // The slow toggle compares the traces over the baseline's p95 instead.
  await page.getByRole("button", { name: "slow", exact: true }).click();
  await expect(page.getByTestId("attribute-divergence")).toContainText("the baseline's p95");
  await expect(divergence.first()).toHaveAttribute("data-value", "3.2.0");

  // A divergence row opens the traces that carry the value.
  await divergence.first().getByRole("link").click();
  await expect(page).toHaveURL(/\/traces\?.*attr=service\.version%3D3\.2\.0/);
  await expect(page.getByTestId("trace-row").first()).toBeVisible();
});

test("the failing dependency, which emits no spans of its own, opens like any service", async ({ page, request: api }) => {
  const from = now - 20 * MIN;
  const to = now + 10 * MIN;
  const { traces } = await (await api.get(`/api/traces?service=${PAYMENTS}&from=${from}&to=${to}&limit=100`)).json();
  expect(traces).toHaveLength(40);
  const stats = await (await api.get(`/api/services/${PAYMENTS}/stats?from=${from}&to=${to}`)).json();
  const total = stats.series.reduce((n: number, p: { requests: number; faults: number }) => n + p.requests, 0);
  expect(total).toBe(40);

  await page.goto(alertLink(API));
  await page.getByTestId("breakdown-row").first().getByRole("link", { name: PAYMENTS }).click();
  await expect(page.getByTestId("incident-service")).toHaveText(PAYMENTS);
  await expect(page.getByTestId("incident-totals")).toContainText("40 requests");
  await expect(page.getByTestId("incident-totals")).toContainText("17 faults");
  await expect(page.getByTestId("failing-traces").getByTestId("trace-row").first()).toBeVisible();
  await expect(page.getByTestId("slowest-traces").getByTestId("trace-row").first()).toBeVisible();
});

test("time to answer: the failing dependency in 0 clicks, the root-cause log line in 1", async ({ page }, testInfo) => {
  const started = Date.now();
  await page.goto(alertLink(API));
  await expect(page.getByTestId("breakdown-row").first()).toHaveAttribute("data-dependency", PAYMENTS);
  const dependencyMs = Date.now() - started;
  let clicks = 0;
  await page
    .getByTestId("error-group")
    .first()
    .getByRole("link", { name: /newest trace/ })
    .click();
  clicks += 1;
  await expect(page.getByTestId("log-row").filter({ hasText: "payment failed for order" }).first()).toBeVisible();
  const logLineMs = Date.now() - started;
  expect(failingIds.some((id) => page.url().includes(id))).toBe(true);
  testInfo.annotations.push({ type: "time-to-answer", description: `dependency: 0 clicks, ${dependencyMs} ms; log line: ${clicks} click, ${logLineMs} ms` });
  console.log(`[time-to-answer] failing dependency: 0 clicks, ${dependencyMs} ms · root-cause log line: ${clicks} click, ${logLineMs} ms`);
  expect(clicks).toBeLessThanOrEqual(2);
});

for (const colorScheme of ["light", "dark"] as const) {
  test(`on a phone (390×844, ${colorScheme}) the incident page stacks and does not scroll sideways`, async ({ browser }) => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, colorScheme, hasTouch: true, isMobile: true });
    const page = await context.newPage();
    await page.goto(alertLink(API));
    await expect(page.getByTestId("breakdown-row").first()).toHaveAttribute("data-dependency", PAYMENTS);
    await expect(page.getByTestId("divergence-row").first()).toBeVisible();
    await expect(page.getByTestId("failing-traces").getByTestId("trace-row").first()).toBeVisible();
    const [scrollWidth, innerWidth] = await page.evaluate(() => [document.scrollingElement?.scrollWidth ?? 0, window.innerWidth]);
    expect(scrollWidth).toBeLessThanOrEqual(innerWidth);
    await context.close();
  });
}
