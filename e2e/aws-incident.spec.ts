/**
 * The alert-to-trace path in aws mode: X-Ray's service graph and time series behind the
 * incident page, BatchGetTraces and Logs Insights behind the trace it leads to.
 */
import { expect, test } from "@playwright/test";
import { buildKnownTrace, type KnownTrace } from "./support/known-trace";
import { seedInAws } from "./support/xray-seed";

let known: KnownTrace;

test.beforeAll(async () => {
  known = buildKnownTrace(Date.now() - 5 * 60_000);
  await seedInAws(known.spans, known.logs);
});

test("alert link → incident page from X-Ray → the failing trace with its logs", async ({ page }) => {
  const at = new Date(known.spans[0].startMs + 60_000).toISOString();
  await page.goto(`/incident?service=payment-svc&at=${at}&window=30m`);
  await expect(page.getByTestId("incident-service")).toHaveText("payment-svc");
  await expect(page.locator('[data-testid="red-charts"] .recharts-wrapper > svg.recharts-surface')).toHaveCount(3);
  await expect(page.locator('[data-testid="map-node"][data-service="payment-svc"]')).toHaveAttribute("data-selected", "true");
  const failing = page.getByTestId("failing-traces").getByTestId("trace-row").filter({ hasText: "POST /checkout" });
  await expect(failing.first()).toBeVisible();
  await failing.first().getByRole("link").first().click();
  await expect(page).toHaveURL(/\/trace\/[0-9a-f]{32}/);
  await expect(page.getByTestId("span-row").first()).toBeVisible();
  await expect(page.getByTestId("log-row").first()).toBeVisible();
});

test("in aws mode the incident page's evidence comes from X-Ray: the failing dependency two hops down first, divergence from summaries", async ({
  page,
  request,
}) => {
  const at = new Date(known.spans[0].startMs + 60_000).toISOString();
  await page.goto(`/incident?service=edge-api&at=${at}&window=30m`);
  await expect(page.getByTestId("breakdown-row").first()).toHaveAttribute("data-dependency", "payment-svc");
  await expect(page.getByTestId("breakdown-row").first()).toContainText("called by orders-svc");
  await expect(page.getByTestId("attribute-divergence")).toContainText("failing traces against");

  const from = known.spans[0].startMs - 20 * 60_000;
  const to = known.spans[0].startMs + 10 * 60_000;
  const divergence = await request.get(`/api/services/edge-api/divergence?from=${from}&to=${to}`);
  expect(divergence.status()).toBe(200);
  const body = await divergence.json();
  expect(body.divergence.selectedTraces).toBeGreaterThanOrEqual(1);
  const bad = await request.get(`/api/services/edge-api/divergence?from=${from}&to=${to}&mode=sideways`);
  expect(bad.status()).toBe(400);
  expect((await bad.json()).error.message).toContain("mode");
});
