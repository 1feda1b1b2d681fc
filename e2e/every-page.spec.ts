/**
 * Every page, in the system's dark mode, under the Content-Security-Policy it is served with:
 * the theme holds after hydration (the inline theme script carries the response's nonce), and
 * the browser reports no CSP violation, hydration mismatch or uncaught error (a mismatch makes
 * React re-create the page on the client, which drops the theme and costs a render).
 */
import { expect, test } from "@playwright/test";
import { ingestKnownTrace } from "./support/known-trace";

const PAGES = ["/", "/traces", "/map", "/snapshots", "/incident?service=edge-api&window=1h", "/trace/not-a-trace", "/compare?a=not-a-trace&b=", "TRACE"];

for (const entry of PAGES) {
  test(`${entry === "TRACE" ? "/trace/{id}" : entry} keeps the dark theme, hydrates cleanly and breaks no CSP rule`, async ({ page, request }) => {
    const path = entry === "TRACE" ? `/trace/${(await ingestKnownTrace(request)).traceId}` : entry;
    const problems: string[] = [];
    page.on("pageerror", (e) => problems.push(e.message));
    page.on("console", (m) => {
      if (/hydrat|did not match|Content Security Policy|Refused to/i.test(m.text())) problems.push(m.text());
    });
    await page.emulateMedia({ colorScheme: "dark" });
    const response = await page.goto(path);
    const csp = response?.headers()["content-security-policy"] ?? "";
    expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]{24}' 'strict-dynamic'/);
    expect(csp).toContain("frame-ancestors 'none'");
    await page.waitForLoadState("networkidle");
    await expect(page.locator("html")).toHaveClass(/\bdark\b/);
    if (entry === "TRACE") await expect(page.getByTestId("span-row").first()).toBeVisible();
    expect(problems).toEqual([]);
  });
}
