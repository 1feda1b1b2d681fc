/**
 * Snapshots on the embedded store: saved from the trace page, re-noted through the API, rendered
 * read-only with their banner; bad snapshot links give a clear message.
 */
import { expect, test } from "@playwright/test";
import { ingestKnownTrace } from "./support/known-trace";

test("a snapshot of an ingested trace renders read-only with its banner and note", async ({ page, request }) => {
  const known = await ingestKnownTrace(request);
  await page.goto(`/trace/${known.traceId}`);
  await expect(page.getByTestId("span-row")).toHaveCount(6);
  await page.getByTestId("save-snapshot").click();
  await page.getByTestId("snapshot-submit").click();
  const href = (await page.getByTestId("snapshot-link").getAttribute("href"))!;
  const id = href.replace("/s/", "");

  const patched = await request.patch(`/api/snapshots/${id}`, { data: { note: "Added after the review." } });
  expect(patched.status()).toBe(200);

  await page.goto(href);
  await expect(page.getByTestId("span-row")).toHaveCount(6);
  await expect(page.getByTestId("log-row")).toHaveCount(5);
  await expect(page.getByTestId("snapshot-banner-text")).toHaveText(/ UTC from local by unknown · edge-api POST \/checkout$/);
  await expect(page.getByTestId("snapshot-note-text")).toHaveText("Added after the review.");
  await expect(page.getByTestId("save-snapshot")).toHaveCount(0);
});

test("a malformed or unknown snapshot link says so on the page, with HTTP 400 and 404", async ({ page }) => {
  const malformed = await page.goto("/s/not-a-snapshot");
  expect(malformed?.status()).toBe(400);
  await expect(page.getByTestId("snapshot-error")).toContainText("Malformed snapshot link");
  const unknown = await page.goto(`/s/${"a".repeat(32)}`);
  expect(unknown?.status()).toBe(404);
  await expect(page.getByTestId("snapshot-error")).toContainText("Snapshot not found");
  await expect(page.getByTestId("snapshot-error")).toContainText("a".repeat(32));
});

test.describe("in a browser east of UTC", () => {
  test.use({ timezoneId: "Asia/Kolkata" });

  test("a snapshot link with a span selected and tz=local reopens with it selected, without a hydration error", async ({ page, request }) => {
    const known = await ingestKnownTrace(request);
    await page.goto(`/trace/${known.traceId}`);
    await expect(page.getByTestId("span-row")).toHaveCount(6);
    await page.getByTestId("save-snapshot").click();
    await page.getByTestId("snapshot-submit").click();
    const href = (await page.getByTestId("snapshot-link").getAttribute("href"))!;

    const errors: string[] = [];
    page.on("pageerror", (error) => errors.push(`pageerror: ${error.message}`));
    page.on("console", (message) => {
      if (message.type() === "error") errors.push(`console: ${message.text()}`);
    });
    const response = await page.goto(`${href}?span=${known.ids.charge}&tz=local`);
    expect(response?.status()).toBe(200);
    await expect(page.locator(`[data-testid="span-row"][data-span-id="${known.ids.charge}"]`)).toHaveAttribute("data-selected", "true");
    await expect(page.getByTestId("span-details")).toContainText("POST /charge-card");
    await expect(page.getByTestId("timezone-toggle")).toContainText("Local");
    await expect(page.getByTestId("trace-header")).toContainText("UTC+05:30");
    expect(errors).toEqual([]);
  });
});
