/**
 * /map with a fleet of ~110 services: laid out compact, off the main thread; at the fit-to-screen
 * zoom the important names are readable (≥ 11 px on screen, not overlapping); search centres a
 * service; a node still opens its panel.
 */
import { expect, test, type Locator, type Page } from "@playwright/test";
import { tracesRequest } from "./support/otlp-json";
import { FLEET_UNHEALTHY, fleetSpans, type Fleet } from "./support/service-fleet";

const MIN_NAME_PX = 11;
let fleet: Fleet;
// Two days back, in a window of its own: the other journeys' "last 15 minutes" stay small.
const END = Date.now() - 2 * 86_400_000;
const WINDOW = `from=${END - 10 * 60_000}&to=${END + 60_000}`;

test.beforeAll(async ({ request }) => {
  const sent = fleetSpans({ traces: 400, endMs: END });
  fleet = sent.fleet;
  const { spans } = sent;
  for (let i = 0; i < spans.length; i += 2000) {
    expect((await request.post("/v1/traces", { data: tracesRequest(spans.slice(i, i + 2000)) })).status()).toBe(200);
  }
});

const nodeOf = (page: Page, service: string) => page.locator(`[data-testid="map-node"][data-service="${service}"]`);

async function openMap(page: Page, query = "") {
  await page.goto(`/map?${WINDOW}${query}`);
  // Every service, plus the client node.
  await expect(page.getByTestId("map-node")).toHaveCount(fleet.services.length + 1, { timeout: 30_000 });
}

/** The on-screen font size of a node's name, in CSS pixels, and its screen box. */
async function nameOnScreen(node: Locator) {
  return node
    .locator('[data-testid="map-node-label"] text')
    .first()
    .evaluate((el) => {
      const text = el as SVGTextElement;
      const ctm = text.getScreenCTM();
      const box = text.getBoundingClientRect();
      return {
        text: text.textContent ?? "",
        fontPx: parseFloat(getComputedStyle(text).fontSize) * (ctm ? Math.hypot(ctm.a, ctm.b) : 1),
        box: { x: box.x, y: box.y, width: box.width, height: box.height },
      };
    });
}

test("at fit zoom, the fleet is laid out in the worker and the important names are readable", async ({ page }) => {
  await openMap(page);
  const map = page.getByTestId("service-map");
  await expect(map).toHaveAttribute("data-layout-engine", "worker");
  await expect(map).toHaveAttribute("data-compact", "true");

  // The unhealthy services are named.
  for (const service of Object.keys(FLEET_UNHEALTHY)) {
    await expect(nodeOf(page, service)).toHaveAttribute("data-labelled", "true");
    const name = await nameOnScreen(nodeOf(page, service));
    expect(name.text).toBe(service);
    expect(name.fontPx).toBeGreaterThanOrEqual(MIN_NAME_PX - 0.01);
    expect(name.box.height).toBeGreaterThanOrEqual(MIN_NAME_PX);
  }

  // Many names, none below the minimum, none overlapping another.
  const names = await page.locator('[data-testid="map-node"][data-labelled="true"]').evaluateAll((nodes) =>
    nodes.map((node) => {
      const text = node.querySelector('[data-testid="map-node-label"] text') as SVGTextElement;
      const ctm = text.getScreenCTM();
      const b = text.getBoundingClientRect();
      return {
        text: text.textContent ?? "",
        fontPx: parseFloat(getComputedStyle(text).fontSize) * (ctm ? Math.hypot(ctm.a, ctm.b) : 1),
        box: { x: b.x, y: b.y, width: b.width, height: b.height },
      };
    }),
  );
  expect(names.length).toBeGreaterThanOrEqual(25);
  for (const name of names) expect(name.fontPx, name.text).toBeGreaterThanOrEqual(MIN_NAME_PX - 0.01);
  const overlapping = names.flatMap((a, i) =>
    names
      .slice(i + 1)
      .filter(({ box: b }) => a.box.x < b.x + b.width && b.x < a.box.x + a.box.width && a.box.y < b.y + b.height && b.y < a.box.y + a.box.height)
      .map((b) => `${a.text} / ${b.text}`),
  );
  expect(overlapping).toEqual([]);

  // A dot, or a name shortened to fit, shows its whole name on hover.
  const shortName = names.find((n) => n.text.endsWith("…"));
  const dotName = await page.locator('[data-testid="map-node"]').evaluateAll((nodes, shortened) => {
    const dot = nodes.find((n) => n.getAttribute("data-labelled") === "false");
    const short = nodes.find((n) => n.querySelector('[data-testid="map-node-label"] text')?.textContent === shortened);
    return (dot ?? short)?.getAttribute("data-service") ?? null;
  }, shortName?.text ?? null);
  expect(dotName, "a dot or a shortened name at fit zoom").not.toBeNull();
  await nodeOf(page, dotName!).locator("circle").last().hover({ force: true });
  await expect(nodeOf(page, dotName!)).toHaveAttribute("data-labelled", "true");
  const hovered = await nameOnScreen(nodeOf(page, dotName!));
  // Whole: the service's name, or the layout's own cut of a very long one (longer than the fit-zoom cut).
  const shown = hovered.text.replace(/…$/, "");
  expect(dotName!.startsWith(shown), `${hovered.text} is ${dotName}`).toBe(true);
  if (shortName && dotName!.startsWith(shortName.text.replace(/…$/, ""))) expect(hovered.text.length).toBeGreaterThan(shortName.text.length);
  expect(hovered.fontPx).toBeGreaterThanOrEqual(MIN_NAME_PX - 0.01);
});

test("searching a service centres it, zoomed in enough to read every name around it", async ({ page }) => {
  await openMap(page);
  const search = page.getByTestId("map-search");
  await search.fill("stock-s");
  await expect(page.getByRole("option", { name: "stock-sync" })).toBeVisible();
  await search.press("Enter");

  const node = nodeOf(page, "stock-sync");
  await expect(node.getByTestId("map-node-found")).toBeVisible();
  await expect(node).toHaveAttribute("data-labelled", "true");
  const mapBox = (await page.locator('[data-testid="service-map"] svg[role="group"]').boundingBox())!;
  const ring = (await node.getByTestId("map-node-found").boundingBox())!;
  expect(Math.abs(ring.x + ring.width / 2 - (mapBox.x + mapBox.width / 2))).toBeLessThan(20);
  expect(Math.abs(ring.y + ring.height / 2 - (mapBox.y + mapBox.height / 2))).toBeLessThan(20);
  // Zoomed in: names at (at least) their layout size, with their stats lines.
  expect((await nameOnScreen(node)).fontPx).toBeGreaterThanOrEqual(12);
  await expect(node.locator('[data-testid="map-node-label"] text')).toHaveCount(2);

  // "Fit" goes back to the whole map.
  await page.getByRole("button", { name: "Fit the whole map" }).click();
  await expect(node.getByTestId("map-node-found")).toHaveCount(0);
});

test("a node click opens its side panel and names its callers and callees", async ({ page }) => {
  await openMap(page);
  await nodeOf(page, "payments").locator("circle").last().click();
  await expect(page).toHaveURL(/service=payments/);
  await expect(page.getByTestId("map-node-panel")).toHaveAttribute("data-service", "payments");
  await expect(nodeOf(page, "payments")).toHaveAttribute("data-selected", "true");
  // Its callers and callees are named.
  const callers = await page.locator('[data-testid="map-edge"][data-target="payments"]').evaluateAll((es) => es.map((e) => e.getAttribute("data-source")!));
  const callees = await page.locator('[data-testid="map-edge"][data-source="payments"]').evaluateAll((es) => es.map((e) => e.getAttribute("data-target")!));
  expect(callers.length).toBeGreaterThan(0);
  expect(callees.length).toBeGreaterThan(0);
  for (const service of [...callers, ...callees]) await expect(nodeOf(page, service)).toHaveAttribute("data-labelled", "true");
});

test("without Web Workers the layout runs on the main thread", async ({ page }) => {
  await page.addInitScript(() => {
    // @ts-expect-error: simulating a browser without workers
    delete window.Worker;
  });
  await openMap(page);
  await expect(page.getByTestId("service-map")).toHaveAttribute("data-layout-engine", "main");
});

/** Serves the page and every script (the layout worker's included) with `csp`. */
async function withCsp(page: Page, csp: string) {
  await page.context().route(/\/(map|_next\/static\/.*\.js)(\?|$)/, async (route) => {
    const response = await route.fetch();
    await route.fulfill({ response, headers: { ...response.headers(), "content-security-policy": csp } });
  });
}

const CSP = "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:";

test("the layout worker runs under a CSP without 'unsafe-eval', and a CSP that forbids it falls back", async ({ page }) => {
  await withCsp(page, `${CSP}; worker-src 'self' blob:`);
  await openMap(page);
  await expect(page.getByTestId("service-map")).toHaveAttribute("data-layout-engine", "worker");

  await page.context().unrouteAll();
  await withCsp(page, `${CSP}; worker-src 'none'`);
  await openMap(page);
  await expect(page.getByTestId("service-map")).toHaveAttribute("data-layout-engine", "main");
});
