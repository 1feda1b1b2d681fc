/** The minimal pages: recent traces → one trace with its spans and logs. */
import { expect, test } from "@playwright/test";
import { logsRequest, randomHex, tracesRequest, xrayStyleTraceId } from "./support/otlp-json";
import { SHORTCUTS } from "../lib/client/shortcuts";

const start = Date.now() - 90_000;
const traceId = xrayStyleTraceId(start);
const rootId = randomHex(8);
const childId = randomHex(8);

test.beforeAll(async ({ request }) => {
  const spans = tracesRequest([
    { traceId, spanId: rootId, service: "pages-gateway", name: "POST /checkout", kind: 2, startMs: start, endMs: start + 800 },
    {
      traceId,
      spanId: childId,
      parentSpanId: rootId,
      service: "pages-orders",
      name: "SELECT orders",
      kind: 3,
      startMs: start + 100,
      endMs: start + 700,
      statusCode: 2,
    },
  ]);
  expect((await request.post("/v1/traces", { data: spans })).status()).toBe(200);
  const logs = logsRequest([
    { service: "pages-gateway", timeMs: start + 10, body: "checkout started", traceId, spanId: rootId },
    // Correlated only through the structured body, as Lambda Powertools writes it.
    {
      service: "pages-orders",
      timeMs: start + 650,
      severityNumber: 17,
      body: JSON.stringify({ level: "ERROR", message: "slow query", xrayTraceId: `1-${traceId.slice(0, 8)}-${traceId.slice(8)}`, spanId: childId }),
    },
  ]);
  expect((await request.post("/v1/logs", { data: logs })).status()).toBe(200);
});

test("home lists recent traces; a row opens the trace with its spans and logs", async ({ page }) => {
  await page.goto("/");
  const row = page.getByTestId("trace-row").filter({ hasText: "pages-gateway" });
  await expect(row).toHaveCount(1);
  await row.getByRole("link", { name: "pages-gateway" }).click();
  await expect(page).toHaveURL(new RegExp(`/trace/${traceId}$`));
  await expect(page.getByTestId("span-row")).toHaveCount(2);
  await expect(page.getByTestId("log-row")).toHaveCount(2);
  await expect(page.getByTestId("log-row").nth(1)).toContainText("slow query");

  await page.locator(`[data-testid="span-row"][data-span-id="${childId}"]`).click();
  await expect(page.locator(`[data-testid="span-row"][data-span-id="${childId}"]`)).toHaveAttribute("data-selected", "true");
  await expect(page.locator(`[data-testid="log-row"][data-span-id="${childId}"]`)).toHaveAttribute("data-selected", "true");
  await expect(page.locator(`[data-testid="log-row"][data-span-id="${rootId}"]`)).toHaveAttribute("data-selected", "false");
});

test("an X-Ray form link redirects to the canonical trace URL", async ({ page }) => {
  await page.goto(`/trace/1-${traceId.slice(0, 8)}-${traceId.slice(8)}`);
  await expect(page).toHaveURL(new RegExp(`/trace/${traceId}$`));
  await expect(page.getByTestId("span-row")).toHaveCount(2);
});

test("a malformed ID names the accepted forms once, with HTTP 400; an unknown one says it was not found, with HTTP 404", async ({ page }) => {
  const malformed = await page.goto("/trace/not-a-trace");
  expect(malformed?.status()).toBe(400);
  await expect(page.getByTestId("trace-error")).toContainText("Malformed trace ID");
  const text = await page.getByTestId("trace-error").innerText();
  expect(text.split("W3C ID (32 hex digits)")).toHaveLength(2);
  const unknownId = randomHex(16);
  const unknown = await page.goto(`/trace/${unknownId}`);
  expect(unknown?.status()).toBe(404);
  await expect(page.getByTestId("trace-error")).toContainText("Trace not found");
  await expect(page.getByTestId("trace-error")).toContainText(unknownId);
  await expect(page.getByTestId("trace-error")).toContainText("in the embedded store, which keeps the last");
  // A known trace is a 200.
  expect((await page.goto(`/trace/${traceId}`))?.status()).toBe(200);
});

test("a pasted X-Amzn-Trace-Id header line or traceparent opens the trace", async ({ page }) => {
  await page.goto(`/trace/${encodeURIComponent(`X-Amzn-Trace-Id: Root=1-${traceId.slice(0, 8)}-${traceId.slice(8)};Sampled=1`)}`);
  await expect(page).toHaveURL(new RegExp(`/trace/${traceId}$`));
  await page.goto(`/trace/${encodeURIComponent(`00-${traceId}-${rootId}-01`)}`);
  await expect(page).toHaveURL(new RegExp(`/trace/${traceId}$`));
  await expect(page.getByTestId("span-row")).toHaveCount(2);
});

test("`?` opens the keyboard shortcuts on every page, as a modal dialog; Esc closes it and focus returns", async ({ page }) => {
  for (const path of ["/", "/traces", "/map", "/snapshots", `/trace/${traceId}`]) {
    await page.goto(path);
    await expect(page.getByTestId("shortcuts-button")).toBeVisible();
    // Once hydrated (the button's handler is in place), the key opens it.
    await page.waitForLoadState("networkidle");
    await page.keyboard.press("?");
    const help = page.getByRole("dialog", { name: "Keyboard shortcuts" });
    await expect(help, path).toBeVisible();
    await expect(help).toHaveAttribute("aria-modal", "true");
    // Every row of lib/client/shortcuts.ts' table.
    await expect(help.getByTestId("shortcut")).toHaveCount(SHORTCUTS.length);
    await expect(help.getByRole("button", { name: "Close" })).toBeFocused();
    await page.keyboard.press("Escape");
    await expect(help).toHaveCount(0);
  }
  // From the header button, focus comes back to it.
  await page.getByTestId("shortcuts-button").click();
  await page.keyboard.press("Escape");
  await expect(page.getByTestId("shortcuts-button")).toBeFocused();
  // Typed into a text field, `?` is text.
  await page.getByPlaceholder("Filter logs…").fill("");
  await page.getByPlaceholder("Filter logs…").pressSequentially("why?");
  await expect(page.getByPlaceholder("Filter logs…")).toHaveValue("why?");
  await expect(page.getByRole("dialog")).toHaveCount(0);
});
