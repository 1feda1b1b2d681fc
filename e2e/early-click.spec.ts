/**
 * A span row clicked before the page has hydrated (its rows are server-rendered, so they can be
 * clicked before the JavaScript has run) is marked at once and selected once the page hydrates,
 * in the whole view and in the windowed one. The page's scripts are held back until after the
 * click, so the click surely comes first.
 */
import { expect, test } from "@playwright/test";
import { holdScripts } from "./support/hold-scripts";
import { ingestLargeTrace } from "./support/large-trace";

for (const [view, spans] of [
  ["whole", 300],
  ["windowed", 3_000],
] as const) {
  test(`a span row clicked before hydration is selected once the page hydrates (${view} view)`, async ({ page, request }) => {
    test.setTimeout(120_000);
    const big = await ingestLargeTrace(request, spans);
    const release = await holdScripts(page);
    await page.goto(`/trace/${big.traceId}`, { waitUntil: "commit" });
    const target = big.order[2];
    const row = page.locator(`[data-testid="span-row"][data-span-id="${target}"]`);
    await expect(row).toBeVisible();
    // Nothing has hydrated: the scripts are held.
    expect(await page.evaluate(() => document.querySelector("[data-testid='span-details']"))).toBeNull();

    // The fold button of another row is no selection; the row itself is, and shows so at once.
    await page.locator(`[data-testid="span-row"][data-span-id="${big.order[0]}"] button`).click();
    await row.click();
    await expect(row).toHaveAttribute("data-early-click", "");
    await expect(page.locator("[data-early-click]")).toHaveCount(1);

    release();
    await expect(page).toHaveURL(new RegExp(`[?&]span=${target}`));
    await expect(row).toHaveAttribute("data-selected", "true");
    await expect(page.getByTestId("span-details")).toContainText("step 2");
    await expect(page.locator("[data-early-click]")).toHaveCount(0);

    // From now on clicks are React's alone: another row is selected and nothing is noted for later.
    const next = page.locator(`[data-testid="span-row"][data-span-id="${big.order[3]}"]`);
    await next.click();
    await expect(next).toHaveAttribute("data-selected", "true");
    await expect(page.locator("[data-early-click]")).toHaveCount(0);
  });
}
