/**
 * On a phone (390×844, touch), in the light and the dark theme: the trace page shows one panel at
 * a time behind tabs with the selection still linked, the failing span's error message is visible
 * in its details, log lines wrap, and no page scrolls sideways or offers controls too small to tap.
 * One seeded trace (the known trace, its failing call given an error message) and one snapshot.
 */
import { expect, test, type Page } from "@playwright/test";
import { holdScripts } from "./support/hold-scripts";
import { buildKnownTrace, type KnownTrace } from "./support/known-trace";
import { logsRequest, tracesRequest } from "./support/otlp-json";

const PHONE = { width: 390, height: 844 };
const ERROR_MESSAGE = "card network unavailable: the acquirer answered 503 Service Unavailable";
const LONG_LINE =
  "retrying charge for order o-7781 after the acquirer refused the connection; attempt 3 of 3, backoff 400 ms, idempotency key 7f1c2a9e-5b3d-4e8f-9a01-c2d3e4f5a6b7";

let known: KnownTrace;
let snapshotId: string;

test.use({ viewport: PHONE, hasTouch: true, isMobile: true });

test.beforeAll(async ({ request }) => {
  known = buildKnownTrace();
  const traces = tracesRequest(known.spans);
  // The failing call carries an OTLP status message and an exception event, as an SDK records them.
  for (const rs of traces.resourceSpans)
    for (const ss of rs.scopeSpans)
      for (const span of ss.spans as Record<string, unknown>[])
        if (span.spanId === known.ids.charge) {
          span.status = { code: 2, message: ERROR_MESSAGE };
          span.events = [
            {
              name: "exception",
              timeUnixNano: span.endTimeUnixNano,
              attributes: [
                { key: "exception.type", value: { stringValue: "AcquirerUnavailableError" } },
                { key: "exception.message", value: { stringValue: ERROR_MESSAGE } },
              ],
            },
          ];
        }
  expect((await request.post("/v1/traces", { data: traces })).status()).toBe(200);
  const logs = [
    ...known.logs,
    { service: "payment-svc", timeMs: known.spans[4].startMs + 400, severityNumber: 13, body: LONG_LINE, traceId: known.traceId, spanId: known.ids.charge },
  ];
  expect((await request.post("/v1/logs", { data: logsRequest(logs) })).status()).toBe(200);
  const saved = await request.post("/api/snapshots", { data: { traceId: known.traceId, title: "checkout 503 on a phone" } });
  expect(saved.status()).toBe(201);
  snapshotId = (await saved.json()).id;
});

const spanRow = (page: Page, id: string) => page.locator(`[data-testid="span-row"][data-span-id="${id}"]`);
const logRows = (page: Page, spanId: string) => page.locator(`[data-testid="log-row"][data-span-id="${spanId}"]`);
const tab = (page: Page, panel: string) => page.locator(`[data-testid="panel-tab"][data-panel="${panel}"]`);

async function expectNoSidewaysScroll(page: Page, what: string) {
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({
    scrollWidth: document.scrollingElement!.scrollWidth,
    innerWidth: window.innerWidth,
  }));
  expect(scrollWidth, `${what} scrolls sideways`).toBeLessThanOrEqual(Math.min(innerWidth, PHONE.width));
}

/**
 * Controls (links, buttons, fields, tabs) shorter than 40 px, outside the dense rows of the Gantt
 * chart and the log list, where a row is the tap target.
 */
async function smallTapTargets(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const controls = document.querySelectorAll<HTMLElement>(
      'a[href], button, select, input:not([type="checkbox"]):not([type="radio"]), textarea, [role="tab"], label:has(> input[type="file"])',
    );
    const small: string[] = [];
    for (const el of controls) {
      if (el.closest('[data-testid="span-row"], [data-testid="log-row"], .sr-only')) continue;
      if (el.matches('input[type="file"]')) continue;
      const box = el.getBoundingClientRect();
      if (box.width === 0 || box.height === 0 || getComputedStyle(el).visibility === "hidden") continue;
      if (box.height < 39.5)
        small.push(
          `${el.tagName.toLowerCase()} "${(el.textContent || el.getAttribute("aria-label") || el.getAttribute("placeholder") || "").trim().slice(0, 40)}" ${Math.round(box.height)} px`,
        );
    }
    return small;
  });
}

for (const colorScheme of ["light", "dark"] as const) {
  test.describe(`${colorScheme} theme`, () => {
    test.use({ colorScheme });

    test("the trace page shows one panel at a time; the selection, the error message and the log lines follow", async ({ page }) => {
      await page.goto(`/trace/${known.traceId}`);
      await expect(page.locator("html")).toHaveClass(colorScheme === "dark" ? /\bdark\b/ : /^(?!.*\bdark\b)/);
      await expect(page.getByTestId("span-row")).toHaveCount(6);
      await expect(tab(page, "gantt")).toHaveAttribute("aria-selected", "true");
      await expect(page.getByTestId("trace-gantt")).toBeVisible();
      await expect(page.getByTestId("log-timeline")).toHaveCount(0);
      await expect(page.getByTestId("service-map")).toHaveCount(0);
      await expectNoSidewaysScroll(page, "the trace page");
      expect(await smallTapTargets(page)).toEqual([]);

      // The header is compact: the ID is shortened, and the page is not taller than the screen.
      const id = (await page.getByTestId("xray-trace-id").boundingBox())!;
      expect(id.width).toBeLessThan(150);
      expect(await page.evaluate(() => document.scrollingElement!.scrollHeight)).toBeLessThanOrEqual(PHONE.height);

      // The bars have room: the timeline column keeps most of the width.
      const bars = (await spanRow(page, known.ids.charge).locator(":scope > div").nth(1).boundingBox())!;
      expect(bars.width).toBeGreaterThanOrEqual(200);

      await spanRow(page, known.ids.charge).tap();
      await expect(spanRow(page, known.ids.charge)).toHaveAttribute("data-selected", "true");
      const details = page.getByTestId("span-details");
      await expect(details).toContainText("POST /charge-card");
      await expect(details.getByText(ERROR_MESSAGE, { exact: true })).toBeInViewport({ ratio: 1 });
      await expect(details.getByText(`AcquirerUnavailableError: ${ERROR_MESSAGE}`)).toBeVisible();

      await tab(page, "logs").tap();
      await expect(tab(page, "logs")).toHaveAttribute("aria-selected", "true");
      await expect(page.getByTestId("log-timeline")).toBeVisible();
      await expect(page.getByTestId("trace-gantt")).toHaveCount(0);
      await expect(page.getByTestId("log-row")).toHaveCount(6);
      await expect(logRows(page, known.ids.charge)).toHaveCount(3);
      for (const row of await logRows(page, known.ids.charge).all()) await expect(row).toHaveAttribute("data-selected", "true");
      await expect(logRows(page, known.ids.auth)).toHaveAttribute("data-selected", "false");
      // A long line wraps inside the screen rather than being cut.
      const long = page.getByTestId("log-row").filter({ hasText: "idempotency key" });
      const message = (await long.getByText(LONG_LINE).boundingBox())!;
      expect(message.x + message.width).toBeLessThanOrEqual(PHONE.width);
      expect(message.height).toBeGreaterThan(40);
      await expectNoSidewaysScroll(page, "the Logs tab");

      // A tapped line selects its span, which the Gantt shows when it comes back.
      await logRows(page, known.ids.auth).tap();
      await expect(logRows(page, known.ids.auth)).toHaveAttribute("data-selected", "true");

      await tab(page, "map").tap();
      await expect(page.getByTestId("service-map")).toBeVisible();
      await expect(page.getByTestId("log-timeline")).toHaveCount(0);
      const node = page.locator('[data-testid="map-node"][data-service="payment-svc"]');
      await expect(node).toBeInViewport();
      await expectNoSidewaysScroll(page, "the Map tab");
      // A tapped service filters the other panels to it, as on a desktop.
      await node.tap();
      await expect(page.getByTestId("service-filter")).toHaveText("payment-svc");
      await page.getByRole("button", { name: "✕ clear" }).tap();
      await expect(page.getByTestId("service-filter")).toHaveCount(0);

      await tab(page, "gantt").tap();
      await expect(spanRow(page, known.ids.auth)).toHaveAttribute("data-selected", "true");
      await expect(spanRow(page, known.ids.charge)).toHaveAttribute("data-selected", "false");
    });

    test("a snapshot reads as the trace page does, with its banner", async ({ page }) => {
      const problems: string[] = [];
      page.on("pageerror", (e) => problems.push(e.message));
      page.on("console", (m) => {
        if (/hydrat|did not match/i.test(m.text())) problems.push(m.text());
      });
      await page.goto(`/s/${snapshotId}`);
      await expect(page.getByTestId("snapshot-banner")).toBeVisible();
      await expect(tab(page, "gantt")).toBeVisible();
      await expect(page.getByTestId("span-row")).toHaveCount(6);
      await expect(page.getByTestId("log-timeline")).toHaveCount(0);
      await tab(page, "logs").tap();
      await expect(page.getByTestId("log-row")).toHaveCount(6);
      await expectNoSidewaysScroll(page, "the snapshot page");
      expect(await smallTapTargets(page)).toEqual([]);
      expect(problems).toEqual([]);
    });

    test("home, search, map and snapshots stack within the screen, with controls sized for a finger", async ({ page }) => {
      const pages: [string, string][] = [
        ["/", "trace-row"],
        [`/traces?service=edge-api`, "trace-row"],
        ["/map", "map-node"],
        ["/snapshots", "snapshot-row"],
      ];
      for (const [path, content] of pages) {
        await page.goto(path);
        // The map's nodes wait for its layout (the ELK worker loads first: seconds on a loaded machine).
        await expect(page.getByTestId(content).first()).toBeVisible({ timeout: 15_000 });
        await expectNoSidewaysScroll(page, path);
        expect(await smallTapTargets(page), path).toEqual([]);
        if (path === "/map") {
          // A selected service's panel opens below the map, scrolled into view. (Selected through
          // the URL: with the whole suite's services on the map, payment-svc may be a dot.)
          await page.goto("/map?service=payment-svc");
          await expect(page.getByTestId("map-node-panel")).toBeInViewport();
          await expectNoSidewaysScroll(page, "/map with a service's panel");
          expect(await smallTapTargets(page), "/map panel").toEqual([]);
        }
      }
      // Trace rows stack: the service and operation above the time, duration and status, in the screen.
      await page.goto("/");
      const box = (await page.getByTestId("trace-row").filter({ hasText: "edge-api" }).first().boundingBox())!;
      expect(box.x + box.width).toBeLessThanOrEqual(PHONE.width);
    });
  });
}

test("before the page hydrates, a phone sees the Gantt alone, full width, not three squeezed panels", async ({ page }) => {
  // The server renders the desktop frame (it knows no window size); the scripts are held back.
  const release = await holdScripts(page);
  await page.goto(`/trace/${known.traceId}`, { waitUntil: "commit" });
  const row = page.getByTestId("span-row").first();
  await expect(row).toBeVisible();
  expect((await row.boundingBox())!.width).toBeGreaterThan(PHONE.width - 20);
  await expect(page.getByTestId("log-timeline")).toBeHidden();
  await expect(page.getByTestId("map-node").first()).toBeHidden();
  release();
  // Hydrated: the tabs take over, the Gantt first.
  await expect(page.getByTestId("panel-tab").first()).toHaveAttribute("aria-selected", "true");
  await expect(row).toBeVisible();
});
