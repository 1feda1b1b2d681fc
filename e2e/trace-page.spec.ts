/**
 * The correlated trace page: three panels, linked selection, filters, URL state, critical path.
 * Runs twice: on the embedded store (OTLP ingest) and in `aws` mode against the wire-level AWS
 * test server (X-Ray segments and Logs Insights), with the same expectations.
 */
import { expect, test, type Page } from "@playwright/test";
import { holdScripts } from "./support/hold-scripts";
import { buildKnownTrace, ingestKnownTrace, type KnownTrace } from "./support/known-trace";
import { seedInAws } from "./support/xray-seed";

let known: KnownTrace;
/** X-Ray adds an inferred segment for the database call (a child of `select`); OTLP has none. */
let inferred: string[] = [];

test.beforeAll(async ({ request }, testInfo) => {
  if (testInfo.project.name === "aws") {
    known = buildKnownTrace();
    await seedInAws(known.spans, known.logs);
  } else {
    known = await ingestKnownTrace(request);
  }
  const { trace } = await (await request.get(`/api/traces/${known.traceId}`)).json();
  inferred = trace.spans.filter((s: { parentSpanId: string | null }) => s.parentSpanId === known.ids.select).map((s: { spanId: string }) => s.spanId);
  expect(inferred).toHaveLength(testInfo.project.name === "aws" ? 1 : 0);
  expect(trace.spans).toHaveLength(6 + inferred.length);
});

const spanRow = (page: Page, id: string) => page.locator(`[data-testid="span-row"][data-span-id="${id}"]`);
const logRows = (page: Page, spanId: string) => page.locator(`[data-testid="log-row"][data-span-id="${spanId}"]`);

async function open(page: Page, query = "") {
  await page.goto(`/trace/${known.traceId}${query}`);
  await expect(page.getByTestId("span-row")).toHaveCount(6 + inferred.length);
}

test("the service map, the Gantt chart and the log timeline are visible together without scrolling the page", async ({ page }) => {
  await open(page);
  await expect(page.getByTestId("log-row")).toHaveCount(5);
  await expect(page.getByTestId("map-node").first()).toBeVisible();
  for (const id of ["service-map", "trace-gantt", "log-timeline"]) {
    const box = (await page.getByTestId(id).boundingBox())!;
    expect(box.width, id).toBeGreaterThan(200);
    expect(box.y + box.height, id).toBeLessThanOrEqual(900);
  }
  const overflow = await page.evaluate(() => document.documentElement.scrollHeight - window.innerHeight);
  expect(overflow).toBeLessThanOrEqual(0);
  await expect(page.getByTestId("trace-header")).toContainText("2 faults");
  await expect(page.getByTestId("xray-trace-id")).toHaveText(`1-${known.traceId.slice(0, 8)}-${known.traceId.slice(8)}`);
});

test("selecting a span highlights its log lines and opens its details", async ({ page }) => {
  await open(page);
  await spanRow(page, known.ids.charge).click();
  await expect(spanRow(page, known.ids.charge)).toHaveAttribute("data-selected", "true");
  await expect(logRows(page, known.ids.charge)).toHaveCount(2);
  for (const row of await logRows(page, known.ids.charge).all()) await expect(row).toHaveAttribute("data-selected", "true");
  await expect(logRows(page, known.ids.auth)).toHaveAttribute("data-selected", "false");
  await expect(page.getByTestId("span-details")).toContainText("POST /charge-card");
  await expect(page.getByTestId("span-details")).toContainText("HTTP 503");
});

test("the span details' code is fetched once the page has hydrated: the first click needs no network", async ({ page, context }) => {
  // The details' chunk is the JavaScript that renders data-testid="span-details".
  const detailsChunk = page.waitForResponse(async (res) => res.url().endsWith(".js") && (await res.text()).includes('"span-details"'), { timeout: 15_000 });
  await open(page);
  await detailsChunk;
  await context.setOffline(true);
  await spanRow(page, known.ids.charge).click();
  await expect(page.getByTestId("span-details")).toContainText("POST /charge-card");
});

test("selecting a log line selects its span", async ({ page }) => {
  await open(page);
  await logRows(page, known.ids.auth).click();
  await expect(spanRow(page, known.ids.auth)).toHaveAttribute("data-selected", "true");
  await expect(spanRow(page, known.ids.charge)).toHaveAttribute("data-selected", "false");
});

test("clicking a service on the map filters the Gantt chart and the logs to it", async ({ page }) => {
  await open(page);
  await page.locator('[data-testid="map-node"][data-service="payment-svc"]').click();
  await expect(page.getByTestId("service-filter")).toHaveText("payment-svc");
  await expect(page).toHaveURL(/service=payment-svc/);
  // The match and its ancestors (as context) remain.
  await expect(page.getByTestId("span-row")).toHaveCount(3);
  await expect(spanRow(page, known.ids.audit)).toHaveCount(0);
  await expect(page.getByTestId("log-row")).toHaveCount(2);
  await expect(logRows(page, known.ids.charge)).toHaveCount(2);
});

test("the critical path of the known trace is highlighted, and the toggle hides it", async ({ page }) => {
  await open(page);
  const critical = await page.locator('[data-testid="span-row"][data-critical="true"]').evaluateAll((els) => els.map((e) => e.getAttribute("data-span-id")));
  expect(critical.sort()).toEqual([...known.criticalPath, ...inferred].sort());
  await page.getByTestId("critical-path-toggle").uncheck();
  await expect(page.locator('[data-testid="span-row"][data-critical="true"]')).toHaveCount(0);
  await expect(page).toHaveURL(/cp=0/);
});

test("selection, service filter, log filter and zoom survive a reload", async ({ page }) => {
  await open(page);
  await spanRow(page, known.ids.charge).click();
  await page.getByPlaceholder("Filter logs…").fill("card");
  const axis = (await page.getByTestId("gantt-axis").boundingBox())!;
  await page.mouse.move(axis.x + axis.width * 0.1, axis.y + axis.height / 2);
  await page.mouse.down();
  await page.mouse.move(axis.x + axis.width * 0.95, axis.y + axis.height / 2, { steps: 5 });
  await page.mouse.up();
  await expect(page.getByTestId("zoom-reset")).toBeEnabled();
  await expect(page).toHaveURL(/from=.*to=/);
  await page.locator('[data-testid="map-node"][data-service="payment-svc"]').click();
  const url = page.url();

  await page.reload();
  expect(page.url()).toBe(url);
  await expect(spanRow(page, known.ids.charge)).toHaveAttribute("data-selected", "true");
  await expect(page.getByPlaceholder("Filter logs…")).toHaveValue("card");
  await expect(page.getByTestId("service-filter")).toHaveText("payment-svc");
  await expect(page.getByTestId("zoom-reset")).toBeEnabled();
  // Log filter "card" and the payment-svc filter leave the two charge lines.
  await expect(page.getByTestId("log-row")).toHaveCount(2);
  await page.getByTestId("zoom-reset").click();
  await expect(page).not.toHaveURL(/from=/);
});

test("keyboard: j/k move through spans, Enter opens details, / focuses search, Esc clears", async ({ page }) => {
  await open(page);
  await page.keyboard.press("j");
  await expect(spanRow(page, known.ids.gw)).toHaveAttribute("data-selected", "true");
  await page.keyboard.press("j");
  await expect(spanRow(page, known.ids.auth)).toHaveAttribute("data-selected", "true");
  await page.keyboard.press("k");
  await expect(spanRow(page, known.ids.gw)).toHaveAttribute("data-selected", "true");
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("span-details")).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(page.locator('[data-testid="span-row"][data-selected="true"]')).toHaveCount(0);
  await page.keyboard.press("/");
  await page.keyboard.type("charge");
  await expect(page.getByTestId("span-row")).toHaveCount(3);
});

test("keyboard: Enter on a focused button or map node is theirs, not the span-details shortcut", async ({ page }) => {
  await open(page);
  await spanRow(page, known.ids.gw).click();
  await page.keyboard.press("Escape");
  await page.keyboard.press("j");
  await expect(spanRow(page, known.ids.gw)).toHaveAttribute("data-selected", "true");
  await expect(page.getByTestId("span-details")).toHaveCount(0);
  // The time-zone toggle: Enter switches it (it used to do nothing) and opens no details.
  const toggle = page.getByTestId("timezone-toggle");
  await expect(toggle).toContainText("UTC");
  await toggle.focus();
  await page.keyboard.press("Enter");
  await expect(toggle).toContainText("Local");
  await expect(page.getByTestId("span-details")).toHaveCount(0);
  // A map node: Enter filters to its service and opens no span details.
  const node = page.locator('[data-testid="map-node"][data-service="payment-svc"]');
  await node.focus();
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("service-filter")).toHaveText("payment-svc");
  await expect(page.getByTestId("span-details")).toHaveCount(0);
});

test("the theme toggle offers the other theme before the page hydrates, in either theme", async ({ page }) => {
  for (const colorScheme of ["dark", "light"] as const) {
    await page.emulateMedia({ colorScheme });
    const release = await holdScripts(page);
    await page.goto(`/trace/${known.traceId}`, { waitUntil: "commit" });
    const offered = colorScheme === "dark" ? "☀ Light" : "☾ Dark";
    await expect(page.getByTestId("theme-toggle")).toHaveText(offered, { useInnerText: true });
    release();
    await expect(page.getByTestId("theme-toggle")).toHaveAccessibleName(`Switch to ${colorScheme === "dark" ? "light" : "dark"} theme`);
    await expect(page.getByTestId("theme-toggle")).toHaveText(offered, { useInnerText: true });
    await page.unrouteAll();
  }
});

test("light and dark themes: the toggle switches and remembers", async ({ page }) => {
  await open(page);
  const dark = () => page.evaluate(() => document.documentElement.classList.contains("dark"));
  const before = await dark();
  await page.getByTestId("theme-toggle").click();
  expect(await dark()).toBe(!before);
  await page.reload();
  expect(await dark()).toBe(!before);
});
