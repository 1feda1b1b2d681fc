/**
 * Every page, in the system's dark mode: the theme holds after hydration, and the browser
 * reports no hydration mismatch or uncaught error (a mismatch makes React re-create the page on
 * the client, which drops the theme and costs a render).
 */
import { expect, test } from "@playwright/test";

const PAGES = ["/", "/traces", "/map", "/snapshots", "/incident?service=edge-api&window=1h", "/trace/not-a-trace"];

for (const path of PAGES) {
  test(`${path} keeps the dark theme and hydrates cleanly`, async ({ page }) => {
    const problems: string[] = [];
    page.on("pageerror", (e) => problems.push(e.message));
    page.on("console", (m) => {
      if (m.type() === "error" && /hydrat|did not match/i.test(m.text())) problems.push(m.text());
    });
    await page.emulateMedia({ colorScheme: "dark" });
    await page.goto(path);
    await page.waitForLoadState("networkidle");
    await expect(page.locator("html")).toHaveClass(/\bdark\b/);
    expect(problems).toEqual([]);
  });
}
