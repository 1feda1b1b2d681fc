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
