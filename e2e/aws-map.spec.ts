/**
 * /map in aws mode: X-Ray's GetServiceGraph behind the nodes and edges, its time series behind a
 * node's histogram, GetTraceSummaries behind its traces, and the trace page one click away.
 */
import { expect, test } from "@playwright/test";
import { buildKnownTrace, type KnownTrace } from "./support/known-trace";
import { seedInAws } from "./support/xray-seed";

let known: KnownTrace;

test.beforeAll(async () => {
  known = buildKnownTrace(Date.now() - 3 * 60_000);
  await seedInAws(known.spans, known.logs);
});

test("map node from X-Ray → its histogram and traces → the trace with its logs", async ({ page }) => {
  await page.goto("/map?range=15m");
  const node = page.locator('[data-testid="map-node"][data-service="payment-svc"]');
  await expect(node).toBeVisible();
  await node.click();
  await expect(page).toHaveURL(/service=payment-svc/);
  const panel = page.getByTestId("map-node-panel");
  await expect(panel).toHaveAttribute("data-service", "payment-svc");
  await expect(panel.locator('[data-testid="latency-histogram"] svg.recharts-surface')).toBeVisible();
  const row = panel.getByTestId("trace-row").first();
  await expect(row).toBeVisible();
  await row.getByRole("link").first().click();
  await expect(page).toHaveURL(new RegExp(`/trace/${known.traceId}$`));
  // X-Ray adds the database orders-svc calls as an inferred segment: one row more than was sent.
  await expect(page.getByTestId("span-row")).toHaveCount(known.spans.length + 1);
  await expect(page.getByTestId("log-row")).toHaveCount(known.logs.length);
});

test("an X-Ray edge opens the calls between the two services", async ({ page }) => {
  await page.goto("/map?range=15m");
  await page.locator('[data-testid="map-edge"][data-source="orders-svc"][data-target="payment-svc"] text').click();
  await expect(page).toHaveURL(/caller=orders-svc&callee=payment-svc/);
  const panel = page.getByTestId("map-edge-panel");
  await expect(panel).toContainText("orders-svc → payment-svc");
  await expect(panel.getByTestId("stats-table")).toContainText("Faults (5xx)");
});
