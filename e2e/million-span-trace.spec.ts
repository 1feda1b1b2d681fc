/**
 * A trace of a million spans (issue 14's shape: 8 services, fan-out 2–8, 6 attributes a span) on
 * its own server and store: it opens in the windowed view, scrolls to its last span, is searched on
 * the server, its failures are stepped through, a span deep in it is selected from a link and its
 * log line found. E2E_MILLION_SPANS sets another size (the view is the same above 20,000 spans):
 * npm test runs it at 100,000, npm run test:reliability (suite "million") at 1,000,000.
 */
import { expect, test, type Page } from "@playwright/test";
import { ownAppServer } from "./support/own-server";
import { MILLION_PORT } from "./support/ports";
import { buildShapedTrace, ingestShapedTrace, type ShapedTrace } from "./support/shaped-trace";

const SPANS = Number(process.env.E2E_MILLION_SPANS ?? 1_000_000);
const LOG_EVERY = 100;

test.describe.configure({ mode: "serial" });

const app = ownAppServer(MILLION_PORT, "million", { RETENTION_DAYS: "36500" });
let big: ShapedTrace;

test.beforeAll(async () => {
  test.setTimeout(15 * 60_000);
  big = buildShapedTrace(SPANS, { logEvery: LOG_EVERY });
  await ingestShapedTrace(app().url, big);
});

const row = (page: Page, spanId: string) => page.locator(`[data-testid="span-row"][data-span-id="${spanId}"]`);
const spansGrid = (page: Page) => page.getByRole("grid", { name: "Spans" });

test("opens windowed with its first rows, and scrolls to its last span", async ({ page }) => {
  test.setTimeout(180_000);
  const spans = `${SPANS.toLocaleString("en-US")} spans`;
  // The page does not wait for the outline: just after ingest, it shows what is laid out so far, or
  // while nothing is, says so.
  await page.goto(`${app().url}/trace/${big.traceId}`, { timeout: 30_000 });
  const first = page.locator('[data-testid="windowed-note"], [data-testid="trace-laying-out"]').first();
  await expect(first).toBeVisible();
  const shown = (await first.textContent()) ?? "";
  if (shown.includes("still arriving")) {
    // The builder laid out part of it while it arrived: those rows at once, the rest when laid out.
    expect(shown).toMatch(new RegExp(`[\\d,]+ of ${SPANS.toLocaleString("en-US")} laid out so far`));
    await expect(row(page, big.order[0])).toBeVisible();
  } else {
    expect(shown).toContain(spans);
  }
  if (shown.includes("Laying out")) {
    // Meanwhile it says what the trace was, from the store's row for it: its root's service and operation.
    const root = big.spans.find((s) => s.spanId === big.order[0])!;
    expect(shown).toContain(`${root.service} ${root.name}`);
  }
  await expect(page.getByTestId("windowed-note")).toContainText(spans, { timeout: 150_000 });
  await expect(page.getByTestId("trace-header")).toContainText(spans);
  if (SPANS > 20_000) {
    // Too large to hold in the browser: exported as OTLP instead, up to what the server reads whole (TRACE_READ_MAX_SPANS, 100,000).
    const exportable = SPANS <= 100_000;
    await expect(page.getByTestId("windowed-note")).toContainText(exportable ? "export it as OTLP" : "Too large to export or snapshot whole.");
    await expect(page.getByTestId("export-otlp")).toHaveCount(exportable ? 1 : 0);
    await expect(page.getByRole("button", { name: /snapshot/i })).toHaveCount(0);
  }
  await expect(row(page, big.order[0])).toBeVisible();
  await expect(row(page, big.order[1])).toBeVisible();
  // Only what is on screen is in the DOM.
  expect(await page.getByTestId("span-row").count()).toBeLessThan(200);

  await spansGrid(page).evaluate((el) => (el.scrollTop = el.scrollHeight));
  const last = row(page, big.order[big.order.length - 1]);
  await expect(last).toBeVisible({ timeout: 30_000 });
  await last.click();
  await expect(last).toHaveAttribute("data-selected", "true");
  await expect(page.getByTestId("span-details")).toContainText(big.spans.find((s) => s.spanId === big.order[big.order.length - 1])!.name);
});

test("search runs on the server over the whole trace; Enter selects the match", async ({ page }) => {
  test.setTimeout(120_000);
  const deep = big.spans.find((s) => s.spanId === big.order[Math.floor(big.order.length * 0.9)])!;
  await page.goto(`${app().url}/trace/${big.traceId}`, { timeout: 90_000 });
  await page.getByLabel("Search spans").fill(deep.name);
  await expect(page.getByTestId("span-match-count")).toHaveText("1 match", { timeout: 30_000 });
  // The match and its ancestors, nothing else.
  await expect(spansGrid(page)).toHaveAttribute("aria-rowcount", /^\d{1,2}$/);
  await page.getByLabel("Search spans").press("Enter");
  await expect(row(page, deep.spanId)).toHaveAttribute("data-selected", "true");
  await expect(page).toHaveURL(new RegExp(`span=${deep.spanId}`));
});

test("Next failure steps through the failing spans in tree order, anywhere in the trace", async ({ page }) => {
  test.setTimeout(120_000);
  expect(big.failing.length).toBeGreaterThan(2);
  await page.goto(`${app().url}/trace/${big.traceId}`, { timeout: 90_000 });
  await expect(row(page, big.order[0])).toBeVisible();
  await page.getByTestId("next-failure").click();
  await expect(row(page, big.failing[0])).toHaveAttribute("data-selected", "true", { timeout: 30_000 });
  await page.keyboard.press("e");
  await expect(row(page, big.failing[1])).toHaveAttribute("data-selected", "true", { timeout: 30_000 });
  await page.keyboard.press("Shift+E");
  await expect(row(page, big.failing[0])).toHaveAttribute("data-selected", "true", { timeout: 30_000 });
});

test("a folded span says what it hides; a log line of a span inside it unfolds it and selects the span", async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto(`${app().url}/trace/${big.traceId}`, { timeout: 90_000 });
  const parentOf = new Map(big.spans.map((s) => [s.spanId, s.parentSpanId]));
  const [first, second] = big.order.filter((id) => parentOf.get(id) === big.order[0]);
  await row(page, first).getByRole("button", { name: "Collapse" }).click();
  await expect(row(page, first).getByTestId("folded-summary")).toHaveText(/^\+[\d,]+/);
  await expect(row(page, second)).toBeVisible();

  // A span inside the folded subtree that has a log line (every LOG_EVERY-th span in tree order has one).
  const at = Math.floor((big.order.indexOf(second) - 1) / LOG_EVERY) * LOG_EVERY;
  expect(at).toBeGreaterThan(0);
  const inside = big.spans.find((s) => s.spanId === big.order[at])!;
  await page.getByLabel("Filter logs").fill(`handled ${inside.name}`);
  const line = page.locator(`[data-testid="log-row"][data-span-id="${inside.spanId}"]`);
  await line.click();
  await expect(row(page, inside.spanId)).toHaveAttribute("data-selected", "true", { timeout: 30_000 });
  await expect(row(page, inside.spanId)).toBeInViewport();
  // Unfolded: back at the top, the folded row is open again.
  await spansGrid(page).evaluate((el) => (el.scrollTop = 0));
  await expect(row(page, first).getByRole("button", { name: "Collapse" })).toBeVisible();
  await expect(row(page, first).getByTestId("folded-summary")).toHaveCount(0);
});

test("a link to a span deep in the trace selects it, scrolls to it and shows its log line", async ({ page }) => {
  test.setTimeout(120_000);
  const at = Math.floor((big.order.length * 0.8) / LOG_EVERY) * LOG_EVERY;
  const deep = big.order[at];
  await page.goto(`${app().url}/trace/${big.traceId}?span=${deep}`, { timeout: 90_000 });
  await expect(row(page, deep)).toHaveAttribute("data-selected", "true", { timeout: 30_000 });
  await expect(row(page, deep)).toBeInViewport();
  await expect(page.getByTestId("span-details")).toBeVisible();
  await expect(page.locator(`[data-testid="log-row"][data-span-id="${deep}"]`)).toHaveAttribute("data-selected", "true", { timeout: 30_000 });
});
