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
  await expect(page.locator('[data-testid="red-charts"] svg.recharts-surface')).toHaveCount(3);
  await expect(page.locator('[data-testid="map-node"][data-service="payment-svc"]')).toHaveAttribute("data-selected", "true");
  const failing = page.getByTestId("failing-traces").getByTestId("trace-row").filter({ hasText: "POST /checkout" });
  await expect(failing.first()).toBeVisible();
  await failing.first().getByRole("link").first().click();
  await expect(page).toHaveURL(/\/trace\/[0-9a-f]{32}/);
  await expect(page.getByTestId("span-row").first()).toBeVisible();
  await expect(page.getByTestId("log-row").first()).toBeVisible();
});
