/**
 * /compare: a failing and a healthy checkout, seeded through OTLP/JSON, aligned call by call; the
 * payment call that timed out comes first. "Compare with a typical trace" from the trace page.
 * Screenshots of /compare in light and dark (docs/screenshots/ when SCREENSHOTS=1).
 */
import { expect, test, type Page } from "@playwright/test";
import { randomHex, tracesRequest, xrayStyleTraceId, type TestSpan } from "./support/otlp-json";

const now = Date.now();
const api = `gateway-${randomHex(3)}`;
const orders = `orders-${randomHex(3)}`;

/** A demo-like checkout: gateway → auth, orders → SELECT, POST /charge (the payment provider). */
function checkout(ageMs: number, payMs: number, fail: boolean, names = { api, auth: `auth-${api}`, orders }): { id: string; spans: TestSpan[] } {
  const { api: gateway, auth: authService, orders: ordersService } = names;
  const t0 = now - ageMs;
  const id = xrayStyleTraceId(t0);
  const [root, auth, ord, db, pay] = [0, 1, 2, 3, 4].map(() => randomHex(8));
  const payEnd = t0 + 45 + payMs;
  const spans: TestSpan[] = [
    { traceId: id, spanId: root, service: gateway, name: "POST /checkout", kind: 2, startMs: t0, endMs: payEnd + 15, statusCode: fail ? 2 : 0 },
    { traceId: id, spanId: auth, parentSpanId: root, service: authService, name: "verify-token", kind: 2, startMs: t0 + 2, endMs: t0 + 14 },
    {
      traceId: id,
      spanId: ord,
      parentSpanId: root,
      service: ordersService,
      name: "POST /orders",
      kind: 2,
      startMs: t0 + 16,
      endMs: payEnd + 10,
      statusCode: fail ? 2 : 0,
    },
    {
      traceId: id,
      spanId: db,
      parentSpanId: ord,
      service: ordersService,
      name: "SELECT orders",
      kind: 3,
      startMs: t0 + 18,
      endMs: t0 + 40,
      attributes: { "db.system": "postgresql" },
    },
    {
      traceId: id,
      spanId: pay,
      parentSpanId: ord,
      service: ordersService,
      name: "POST /v1/charges",
      kind: 3,
      startMs: t0 + 45,
      endMs: payEnd,
      statusCode: fail ? 2 : 0,
      attributes: { "http.request.method": "POST", "server.address": "api.payments-provider.example" },
    },
  ];
  return { id, spans };
}

// Healthy traces in the hour before the failing one: their median is 80 ms of payment call.
const healthy = [60, 70, 80, 90, 400].map((payMs, i) => checkout(20 * 60_000 + i * 60_000, payMs, false));
const failing = checkout(5 * 60_000, 3000, true);
const typical = healthy[2];

const rows = (page: Page) => page.getByTestId("compare-row");

test.beforeAll(async ({ request }) => {
  const res = await request.post("/v1/traces", { data: tracesRequest([...healthy, failing].flatMap((t) => t.spans)) });
  expect(res.status()).toBe(200);
});

test("a compare of a failing and a healthy trace puts the slow call first", async ({ page }) => {
  await page.goto(`/compare?a=${typical.id}&b=${failing.id}`);
  await expect(rows(page)).toHaveCount(5);
  const first = rows(page).first();
  await expect(first).toHaveAttribute("data-name", "POST /v1/charges");
  await expect(first).toHaveAttribute("data-service", orders);
  expect(Number(await first.getAttribute("data-delta-ms"))).toBeCloseTo(2920, 0);
  await expect(first.getByTestId("status-change")).toBeVisible();
  // The callers come after it, and an unchanged call comes last.
  const names = await rows(page).evaluateAll((els) => els.map((e) => e.getAttribute("data-name")));
  expect(names.at(-1)).not.toBe("POST /v1/charges");
  await expect(page.getByTestId("compare-summary")).toContainText("B is 2.92 s slower");
  await expect(page.getByTestId("critical-path-b")).toContainText("POST /v1/charges");

  // Ordered by duration change, the root (which waited the longest) is first.
  await page.getByTestId("compare-order").selectOption("duration");
  await expect(rows(page).first()).toHaveAttribute("data-name", "POST /checkout");
});

test("a call present in one trace only, and bad IDs", async ({ page, request }) => {
  const extra = checkout(3 * 60_000, 90, false);
  extra.spans.push({ ...extra.spans[4], spanId: randomHex(8), name: "POST /v1/refunds" });
  expect((await request.post("/v1/traces", { data: tracesRequest(extra.spans) })).status()).toBe(200);
  await page.goto(`/compare?a=${typical.id}&b=${extra.id}`);
  await expect(rows(page)).toHaveCount(6);
  await expect(page.locator('[data-testid="compare-row"][data-presence="b"]')).toHaveAttribute("data-name", "POST /v1/refunds");

  await page.goto(`/compare?a=nope&b=${failing.id}`);
  await expect(page.getByTestId("compare-error")).toContainText("a:");
  await page.goto(`/compare?b=${failing.id}`);
  await expect(page.getByTestId("compare-error")).toContainText("a: a trace ID is required");
});

test("compare with a typical trace, from the trace page", async ({ page, request }) => {
  const res = await request.get(`/api/traces/${failing.id}/typical`);
  expect(res.status()).toBe(200);
  const body = await res.json();
  expect(body.trace.traceId).toBe(typical.id);
  expect(body.sampleSize).toBe(5);

  await page.goto(`/trace/${failing.id}`);
  await page.getByTestId("compare-typical").click();
  await expect(page).toHaveURL(new RegExp(`/compare\\?a=${typical.id}&b=${failing.id}`));
  await expect(rows(page).first()).toHaveAttribute("data-name", "POST /v1/charges");

  // The oldest healthy trace has nothing before it.
  const none = await request.get(`/api/traces/${healthy[4].id}/typical`);
  expect(none.status()).toBe(404);
  expect((await none.json()).error.code).toBe("no_typical_trace");
  expect((await request.get(`/api/traces/zzz/typical`)).status()).toBe(400);
});

// For the README: the demo's names, and a retry of the payment call that only the failing trace has.
const names = { api: "checkout-api", auth: "auth-lambda", orders: "orders-service" };
const shotHealthy = checkout(30 * 60_000, 84, false, names);
const shotFailing = checkout(4 * 60_000, 3000, true, names);
shotFailing.spans.push({
  ...shotFailing.spans[4],
  spanId: randomHex(8),
  startMs: shotFailing.spans[4].endMs + 1,
  endMs: shotFailing.spans[4].endMs + 6,
  statusCode: 2,
});
for (const s of shotFailing.spans.slice(0, 3)) s.endMs += 8;

for (const theme of ["light", "dark"] as const) {
  test(`/compare screenshot, ${theme}`, async ({ page, request }) => {
    expect((await request.post("/v1/traces", { data: tracesRequest([...shotHealthy.spans, ...shotFailing.spans]) })).status()).toBe(200);
    await page.emulateMedia({ colorScheme: theme });
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.goto(`/compare?a=${shotHealthy.id}&b=${shotFailing.id}`);
    await expect(rows(page)).toHaveCount(6);
    await expect(rows(page).first()).toHaveAttribute("data-name", "POST /v1/charges");
    const dir = process.env.SCREENSHOTS ? "docs/screenshots" : test.info().outputDir;
    await page.screenshot({ path: `${dir}/compare-${theme}.png` });
  });
}
