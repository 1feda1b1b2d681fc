/**
 * Trace search (/traces): filters in the URL, the latency histogram's drag, the sortable table,
 * and clear messages for bad parameters. Known traces are seeded through OTLP/JSON ingest.
 */
import { expect, test, type Page } from "@playwright/test";
import { randomHex, tracesRequest, xrayStyleTraceId, type TestSpan } from "./support/otlp-json";

const now = Date.now();
const shop = `shop-${randomHex(3)}`;
const other = `other-${randomHex(3)}`;

interface Seeded {
  id: string;
  durationMs: number;
}

/** A root in `service` and one child span; status 2 (OTel ERROR) on the root makes a fault. */
function trace(service: string, name: string, ageMs: number, durationMs: number, opts: { error?: boolean; attributes?: Record<string, string | number> } = {}) {
  const startMs = now - ageMs;
  const id = xrayStyleTraceId(startMs);
  const root = randomHex(8);
  const spans: TestSpan[] = [
    { traceId: id, spanId: root, service, name, kind: 2, startMs, endMs: startMs + durationMs, statusCode: opts.error ? 2 : 0 },
    {
      traceId: id,
      spanId: randomHex(8),
      parentSpanId: root,
      service,
      name: "query",
      kind: 3,
      startMs: startMs + 1,
      endMs: startMs + 5,
      attributes: opts.attributes,
    },
  ];
  return { seeded: { id, durationMs }, spans };
}

const traces = {
  fast: trace(shop, "GET /cart", 60_000, 30),
  medium: trace(shop, "GET /cart", 120_000, 120),
  slowish: trace(shop, "POST /checkout", 180_000, 450, { error: true, attributes: { tenant: "acme" } }),
  slow: trace(shop, "POST /checkout", 240_000, 1500),
  slowest: trace(shop, "GET /report", 300_000, 4000),
  elsewhere: trace(other, "GET /", 90_000, 2000),
};
const seeded = (k: keyof typeof traces): Seeded => traces[k].seeded;

test.beforeAll(async ({ request }) => {
  const res = await request.post("/v1/traces", { data: tracesRequest(Object.values(traces).flatMap((t) => t.spans)) });
  expect(res.status()).toBe(200);
});

const rows = (page: Page) => page.getByTestId("trace-row");
const rowIds = async (page: Page) => rows(page).evaluateAll((els) => els.map((e) => e.getAttribute("data-trace-id")));
const ids = (...keys: (keyof typeof traces)[]) => keys.map((k) => seeded(k).id);

test("search by service and minimum duration; the URL carries the search and a reload restores it", async ({ page }) => {
  await page.goto("/traces");
  await page.getByLabel("Service").fill(shop);
  await page.getByLabel("Min ms").fill("400");
  await page.getByRole("button", { name: "Search" }).click();
  await expect(rows(page)).toHaveCount(3);
  expect(await rowIds(page)).toEqual(ids("slowish", "slow", "slowest"));
  const url = new URL(page.url());
  expect(url.searchParams.get("service")).toBe(shop);
  expect(url.searchParams.get("minDurationMs")).toBe("400");

  await page.reload();
  await expect(rows(page)).toHaveCount(3);
  await expect(page.getByLabel("Service")).toHaveValue(shop);
  await expect(page.getByLabel("Min ms")).toHaveValue("400");

  // Sorting by a column header is part of the URL too.
  await page.getByRole("button", { name: /^Duration/ }).click();
  expect(await rowIds(page)).toEqual(ids("slowest", "slow", "slowish"));
  await expect(page).toHaveURL(/sort=-duration/);
  await page.reload();
  await expect(rows(page)).toHaveCount(3);
  expect(await rowIds(page)).toEqual(ids("slowest", "slow", "slowish"));
});

test("operation, status and attribute filters", async ({ page }) => {
  await page.goto(`/traces?service=${shop}&operation=checkout`);
  await expect(rows(page)).toHaveCount(2);
  expect(await rowIds(page)).toEqual(ids("slowish", "slow"));
  await page.goto(`/traces?service=${shop}&attr=tenant%3Dacme`);
  await expect(rows(page)).toHaveCount(1);
  await page.goto(`/traces?service=${shop}&status=fault`);
  await expect(rows(page)).toHaveCount(1);
  expect(await rowIds(page)).toEqual(ids("slowish"));
});

test("dragging across the latency histogram narrows the duration range and the table", async ({ page }) => {
  await page.goto(`/traces?service=${shop}`);
  await expect(rows(page)).toHaveCount(5);
  // 30 ms … 4 s on 1-2-5 buckets: 20, 50, 100, 200, 500, 1 s, 2 s.
  const ticks = page.locator('[data-testid="latency-histogram"] .recharts-xAxis .recharts-cartesian-axis-tick');
  await expect(ticks).toHaveCount(7);
  const chart = (await page.getByTestId("latency-histogram").boundingBox())!;
  const tickX = async (i: number) => {
    const box = (await ticks.nth(i).boundingBox())!;
    return box.x + box.width / 2;
  };
  const y = chart.y + chart.height * 0.4;
  await page.mouse.move(await tickX(2), y);
  await page.mouse.down();
  await page.mouse.move(await tickX(3), y, { steps: 5 });
  await page.mouse.up();

  await expect(page).toHaveURL(/minDurationMs=100&maxDurationMs=500/);
  await expect(rows(page)).toHaveCount(2);
  expect(await rowIds(page)).toEqual(ids("medium", "slowish"));
  await expect(page.getByLabel("Min ms")).toHaveValue("100");
  await expect(page.getByLabel("Max ms")).toHaveValue("500");

  // Back restores the whole range.
  await page.goBack();
  await expect(rows(page)).toHaveCount(5);
});

test("clicking a row opens its trace page", async ({ page }) => {
  await page.goto(`/traces?service=${other}`);
  await expect(rows(page)).toHaveCount(1);
  await rows(page).first().getByRole("link").click();
  await expect(page).toHaveURL(new RegExp(`/trace/${seeded("elsewhere").id}`));
  await expect(page.getByTestId("trace-gantt")).toBeVisible();
});

test("no match shows the active filters", async ({ page }) => {
  await page.goto(`/traces?service=${shop}&minDurationMs=10000&last=15m`);
  const empty = page.getByTestId("search-empty");
  await expect(empty).toContainText("No traces match");
  await expect(empty).toContainText(`service ${shop}`);
  await expect(empty).toContainText("duration ≥ 10000 ms");
  await expect(empty).toContainText("last 15m");
});

test("bad parameters in the URL show the API's message naming them", async ({ page }) => {
  const cases: [string, RegExp][] = [
    ["minDurationMs=-5", /minDurationMs: must not be negative/],
    [`from=${now}&to=${now - 60_000}`, /to: the window is inverted/],
    ["minDurationMs=500&maxDurationMs=100", /maxDurationMs: must not be less than minDurationMs/],
    ["attr=no%20key", /attr: /],
    ["status=sideways", /status: must be one of/],
    ['filter=service("x")', /filter: X-Ray filter expressions need DATA_SOURCE=aws/],
  ];
  for (const [query, message] of cases) {
    await page.goto(`/traces?${query}`);
    await expect(page.getByTestId("search-error"), query).toContainText(message);
    await expect(page.getByTestId("search-form")).toBeVisible();
  }
  await page.goto("/traces?last=7d");
  await expect(page.getByTestId("search-problem")).toContainText('last: must be one of 15m, 1h, 6h, 24h, got "7d"');
});

test("the API: operation, maxDurationMs and attr", async ({ request }) => {
  const window = `from=${now - 600_000}&to=${now + 1000}&service=${shop}`;
  const found = async (q: string) => ((await (await request.get(`/api/traces?${window}&${q}`)).json()).traces as { traceId: string }[]).map((t) => t.traceId);
  expect(await found("operation=CHECKOUT")).toEqual(ids("slowish", "slow"));
  expect(await found("maxDurationMs=120")).toEqual(ids("fast", "medium"));
  expect(await found("minDurationMs=120&maxDurationMs=1500")).toEqual(ids("medium", "slowish", "slow"));
  expect(await found("attr=tenant%3Dacme")).toEqual(ids("slowish"));
  expect(await found("attr=tenant%3Dother")).toEqual([]);
  for (const [q, param] of [
    ["minDurationMs=5&maxDurationMs=4", "maxDurationMs"],
    ["attr=a%20b%3Dc", "attr"],
    [`attr=k%3D${"v".repeat(201)}`, "attr"],
    [`operation=${"o".repeat(201)}`, "operation"],
  ]) {
    const res = await request.get(`/api/traces?${q}`);
    expect(res.status(), q).toBe(400);
    expect((await res.json()).error.code, q).toBe(`invalid_${param}`);
  }
});
