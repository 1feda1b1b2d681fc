/**
 * "Copy summary" puts the trace's Markdown on the clipboard (with the snapshot link once one is
 * saved), and "Statistics" shows per service and operation counts and times.
 */
import { expect, test } from "@playwright/test";
import { logsRequest, randomHex, tracesRequest, xrayStyleTraceId, type TestSpan } from "./support/otlp-json";

const tag = randomHex(3);
const t0 = Date.now() - 60_000;
const id = xrayStyleTraceId(t0);
const [root, db1, db2, pay] = [0, 1, 2, 3].map(() => randomHex(8));
const gateway = `gateway-${tag}`;
const orders = `orders-${tag}`;
const spans: TestSpan[] = [
  { traceId: id, spanId: root, service: gateway, name: "POST /checkout", kind: 2, startMs: t0, endMs: t0 + 3120, statusCode: 2 },
  { traceId: id, spanId: db1, parentSpanId: root, service: orders, name: "SELECT orders", kind: 3, startMs: t0 + 10, endMs: t0 + 30 },
  { traceId: id, spanId: db2, parentSpanId: root, service: orders, name: "SELECT orders", kind: 3, startMs: t0 + 40, endMs: t0 + 70 },
  {
    traceId: id,
    spanId: pay,
    parentSpanId: root,
    service: orders,
    name: "POST /v1/charges",
    kind: 3,
    startMs: t0 + 100,
    endMs: t0 + 3100,
    statusCode: 2,
    events: [
      {
        name: "exception",
        timeMs: t0 + 3100,
        attributes: { "exception.type": "TimeoutError", "exception.message": "payment provider timed out after 3000 ms" },
      },
    ],
  },
];

test.beforeAll(async ({ request }) => {
  expect((await request.post("/v1/traces", { data: tracesRequest(spans) })).status()).toBe(200);
  const logs = [
    { service: orders, timeMs: t0 + 50, traceId: id, spanId: db2, severityNumber: 9, body: "order loaded" },
    { service: orders, timeMs: t0 + 3101, traceId: id, spanId: pay, severityNumber: 17, body: "charge failed: `timeout` after 3000 ms" },
    { service: gateway, timeMs: t0 + 3119, traceId: id, spanId: root, severityNumber: 17, body: "checkout failed" },
  ];
  expect((await request.post("/v1/logs", { data: logsRequest(logs) })).status()).toBe(200);
});

test("copy summary puts the trace's Markdown on the clipboard, with the snapshot link once saved", async ({ page, context, baseURL }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: baseURL });
  await page.goto(`/trace/${id}`);
  await expect(page.getByTestId("log-row")).toHaveCount(3);
  await page.getByTestId("copy-summary").click();
  await expect(page.getByTestId("copy-summary")).toHaveText("Copied ✓");
  const md = await page.evaluate(() => navigator.clipboard.readText());
  const lines = md.split("\n");
  expect(lines[0]).toBe(`**[${gateway} POST /checkout](${baseURL}/trace/${id})** — 3.12 s · Fault (5xx)`);
  expect(lines).toContain(`- First fault: \`${orders} POST /v1/charges\` (3.00 s) — \`TimeoutError: payment provider timed out after 3000 ms\``);
  expect(md).toMatch(new RegExp(`- First ERROR log: \`${orders}\` \\d{4}-\\d{2}-\\d{2} [0-9:.]+ UTC — \`\`charge failed: \`timeout\` after 3000 ms\`\``));
  expect(md).not.toContain("Snapshot");

  await page.getByTestId("save-snapshot").click();
  await page.getByTestId("snapshot-submit").click();
  const href = (await page.getByTestId("snapshot-link").getAttribute("href"))!;
  // Close the dialog by its backdrop.
  await page.mouse.click(5, 890);
  await expect(page.getByTestId("snapshot-dialog")).toHaveCount(0);
  await page.getByTestId("copy-summary").click();
  await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toContain(`- Snapshot: ${baseURL}${href}`);
});

test("statistics per service and operation", async ({ page }) => {
  await page.goto(`/trace/${id}`);
  await page.getByTestId("open-statistics").click();
  const rows = page.getByTestId("statistics-row");
  await expect(rows).toHaveCount(3);
  // Largest self time first: the payment call (3 s of its own).
  await expect(rows.first()).toHaveAttribute("data-name", "POST /v1/charges");
  const select = page.locator('[data-testid="statistics-row"][data-name="SELECT orders"]');
  await expect(select.locator("td").nth(2)).toHaveText("2");
  await expect(select.locator("td").nth(3)).toHaveText("50 ms");
  await expect(rows.first().locator("td").last()).toHaveText("1");
  await page.getByRole("button", { name: "Close statistics" }).click();
  await expect(rows).toHaveCount(0);
});
