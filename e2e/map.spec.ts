/** /map: the service graph of a window; a node opens its histogram and traces, an edge its calls. */
import { expect, test } from "@playwright/test";
import { randomHex, tracesRequest, xrayStyleTraceId, type TestSpan } from "./support/otlp-json";

const now = Date.now();
let slowTraceId = "";

test.beforeAll(async ({ request }) => {
  const spans: TestSpan[] = [];
  for (let i = 0; i < 6; i++) {
    const start = now - 300_000 + i * 30_000;
    const traceId = xrayStyleTraceId(start);
    if (i === 5) slowTraceId = traceId;
    const rootId = randomHex(8);
    const ms = i === 5 ? 1_500 : 50 + i * 10;
    spans.push(
      { traceId, spanId: rootId, service: "map-web", name: `GET /page/${i}`, kind: 2, startMs: start, endMs: start + ms + 10 },
      {
        traceId,
        spanId: randomHex(8),
        parentSpanId: rootId,
        service: "map-api",
        name: "GET /items",
        kind: 2,
        startMs: start + 5,
        endMs: start + 5 + ms,
        statusCode: i === 2 ? 2 : 0,
      },
    );
  }
  expect((await request.post("/v1/traces", { data: tracesRequest(spans) })).status()).toBe(200);
});

test("a node opens a side panel with its latency histogram and traces; the selection is in the URL", async ({ page }) => {
  await page.goto("/map?range=15m");
  await page.locator('[data-testid="map-node"][data-service="map-api"]').click();
  await expect(page).toHaveURL(/service=map-api/);
  const panel = page.getByTestId("map-node-panel");
  await expect(panel).toHaveAttribute("data-service", "map-api");
  await expect(panel.getByTestId("stats-table")).toContainText("6");
  await expect(panel.locator('[data-testid="latency-histogram"] svg.recharts-surface')).toBeVisible();
  await expect(panel.getByRole("link", { name: "Traces of this service" })).toHaveAttribute("href", /^\/traces\?service=map-api&from=\d+&to=\d+$/);

  // The URL alone restores the selection.
  await page.reload();
  await expect(page.getByTestId("map-node-panel")).toHaveAttribute("data-service", "map-api");
  const row = page.getByTestId("map-node-panel").getByTestId("trace-row").first();
  await expect(row).toContainText("GET /page/5");
  await row.getByRole("link").click();
  await expect(page).toHaveURL(new RegExp(`/trace/${slowTraceId}$`));
  await expect(page.getByTestId("span-row")).toHaveCount(2);
});

test("an edge opens the calls between the two services", async ({ page }) => {
  await page.goto("/map?range=15m");
  // The edge itself (its label is not drawn when the window holds 40+ services, as this shared server's may).
  await page.locator('[data-testid="map-edge"][data-source="map-web"][data-target="map-api"]').dispatchEvent("click");
  await expect(page).toHaveURL(/caller=map-web&callee=map-api/);
  const panel = page.getByTestId("map-edge-panel");
  await expect(panel).toContainText("map-web → map-api");
  await expect(panel.getByTestId("stats-table")).toContainText("Faults (5xx)");
});

test("a focused edge draws its focus along the edge, not as a box over other nodes", async ({ page }) => {
  await page.goto("/map?range=15m");
  const edge = page.locator('[data-testid="map-edge"][data-source="map-web"][data-target="map-api"]');
  // Drawn once ELK has laid the graph out (its worker loads first: seconds on a loaded machine).
  await expect(edge).toHaveCount(1, { timeout: 15_000 });
  await page.keyboard.press("Tab"); // keyboard modality: what :focus-visible shows
  await edge.focus();
  await expect(edge).toBeFocused();
  expect(await edge.evaluate((el) => getComputedStyle(el).outlineStyle)).toBe("none");
  await expect(edge.getByTestId("map-edge-focus")).toHaveCSS("opacity", "1");
  // Selected from the keyboard (a click lands on the middle of the edge's box, which a bent edge may not cross).
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/caller=map-web&callee=map-api/);
  expect(await edge.evaluate((el) => getComputedStyle(el).outlineStyle)).toBe("none");
});

test("a bad window names what is accepted", async ({ page }) => {
  await page.goto("/map?range=2d");
  await expect(page.getByTestId("map-error")).toContainText('range "2d" is not one of 15m, 1h, 6h, 24h.');
  await page.goto("/map?from=2026-11-21T02:00:00Z&to=2026-11-21T01:00:00Z");
  await expect(page.getByTestId("map-error")).toContainText("inverted");
});
