/** A 10,000-span trace with 10,000 log lines renders (virtualized) and scrolls to its last span. */
import { expect, test } from "@playwright/test";
import { ingestLargeTrace } from "./support/large-trace";

test("a 10,000-span trace renders and scrolls", async ({ page, request }) => {
  test.setTimeout(120_000);
  const big = await ingestLargeTrace(request, 10_000);
  await page.goto(`/trace/${big.traceId}`);
  await expect(page.getByTestId("trace-header")).toContainText("10,000 spans");
  await expect(page.locator(`[data-testid="span-row"][data-span-id="${big.order[0]}"]`)).toBeVisible();
  // Only what is on screen is in the DOM.
  expect(await page.getByTestId("span-row").count()).toBeLessThan(200);
  expect(await page.getByTestId("log-row").count()).toBeLessThan(200);

  const last = big.order[big.order.length - 1];
  await page.getByRole("grid", { name: "Spans" }).evaluate((el) => (el.scrollTop = el.scrollHeight));
  const lastRow = page.locator(`[data-testid="span-row"][data-span-id="${last}"]`);
  await expect(lastRow).toBeVisible();
  await lastRow.click();
  await expect(lastRow).toHaveAttribute("data-selected", "true");
  await expect(page.locator(`[data-testid="log-row"][data-span-id="${last}"]`)).toHaveAttribute("data-selected", "true");
});

test("a windowed trace the browser can still hold offers snapshot, summary and statistics", async ({ page, context, request, baseURL }) => {
  test.setTimeout(120_000);
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: baseURL });
  const big = await ingestLargeTrace(request, 3_000);
  const detailsChunk = page.waitForResponse(async (res) => res.url().endsWith(".js") && (await res.text()).includes('"span-details"'), { timeout: 15_000 });
  await page.goto(`/trace/${big.traceId}`);
  // Above TRACE_WINDOW_FROM_SPANS (1,000): the windowed view, its first rows from the server.
  await expect(page.getByTestId("windowed-note")).toContainText("3,000 spans");
  await expect(page.locator(`[data-testid="span-row"][data-span-id="${big.order[0]}"]`)).toBeVisible();

  // A click on a row shows its details from the row at hand, without waiting for the server.
  await detailsChunk;
  await context.setOffline(true);
  const third = page.locator(`[data-testid="span-row"][data-span-id="${big.order[2]}"]`);
  await third.click();
  await expect(third).toHaveAttribute("data-selected", "true");
  await expect(page.getByTestId("span-details")).toContainText("step 2");
  await context.setOffline(false);

  // Statistics and the summary fetch the whole trace when asked.
  await page.getByTestId("open-statistics").click();
  await expect(page.locator('[data-testid="statistics-row"][data-service="gateway"][data-name="GET /big"]')).toBeVisible();
  await expect(page.getByTestId("statistics-row")).toHaveCount(3_000);
  await page.getByRole("button", { name: "Close statistics" }).click();

  await page.getByTestId("copy-summary").click();
  await expect(page.getByTestId("copy-summary")).toHaveText("Copied ✓");
  const md = await page.evaluate(() => navigator.clipboard.readText());
  expect(md.split("\n")[0]).toMatch(new RegExp(`^\\*\\*\\[gateway GET /big\\]\\(${baseURL}/trace/${big.traceId}(\\?[^)]*)?\\)\\*\\* — `));

  // The snapshot is read by the server: the whole trace, though the page holds 200 rows of it.
  await page.getByTestId("save-snapshot").click();
  await expect(page.getByTestId("snapshot-title")).toHaveValue("gateway GET /big");
  await page.getByTestId("snapshot-submit").click();
  const link = page.getByTestId("snapshot-link");
  await expect(link).toHaveText(/^\/s\/[0-9a-f]{32}$/);
  await expect(page.getByTestId("snapshot-logs-status")).toHaveText("3000 log lines (complete)");
  await page.goto((await link.getAttribute("href"))!);
  await expect(page.getByTestId("trace-header")).toContainText("3,000 spans");
});
