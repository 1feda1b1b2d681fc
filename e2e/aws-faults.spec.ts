/**
 * aws mode under upstream trouble: an AWS error reaches the user in the panel it affects, named,
 * while the other panels keep working; a slow Logs Insights search shows its progress and can be
 * cancelled, which stops the query upstream.
 */
import { expect, test } from "@playwright/test";
import { buildKnownTrace } from "./support/known-trace";
import { AWS_CONTROL_PORT } from "./support/ports";
import { seedInAws } from "./support/xray-seed";

const control = (path: string, body?: unknown) =>
  fetch(`http://127.0.0.1:${AWS_CONTROL_PORT}${path}`, {
    method: body === undefined ? "GET" : "POST",
    body: body === undefined ? undefined : JSON.stringify(body),
  });

test.afterEach(async () => {
  await control("/reset", {});
  await control("/configure", { queryRunMs: 0 });
});

test("logs:StartQuery denied: the log panel names the missing action, the Gantt chart and the map still work", async ({ page }) => {
  const known = buildKnownTrace();
  await seedInAws(known.spans, known.logs);
  await control("/inject", { op: "StartQuery", fault: { kind: "accessDenied" } });
  await page.goto(`/trace/${known.traceId}`);
  await expect(page.getByTestId("log-failure")).toContainText("logs:StartQuery");
  await expect(page.getByTestId("span-row")).toHaveCount(7);
  await expect(page.locator('[data-testid="map-node"][data-service="payment-svc"]')).toBeVisible();
});

test("a slow Logs Insights search shows progress, and Cancel stops the query upstream", async ({ page }) => {
  const known = buildKnownTrace();
  await seedInAws(known.spans, known.logs);
  await control("/configure", { queryRunMs: 60_000 });
  await page.goto(`/trace/${known.traceId}`);
  await expect(page.getByTestId("log-timeline")).toContainText("Searching logs…");
  await expect(page.getByTestId("span-row")).toHaveCount(7);
  await page.getByTestId("log-cancel").click();
  await expect(page.getByTestId("log-failure")).toContainText("You cancelled the logs search.");
  await expect
    .poll(async () => ((await (await control("/calls")).json()) as { op: string }[]).filter((c) => c.op === "StopQuery").length)
    .toBeGreaterThanOrEqual(1);
});
