/**
 * Pivots from the trace page ("traces with this"): an exception finds every trace that recorded
 * it, a span name every trace with that call, a log line every trace with lines like it; the
 * API's pivot filters and their 400s. Traces seeded through OTLP/JSON.
 */
import { expect, test, type Page } from "@playwright/test";
import { logsRequest, randomHex, tracesRequest, xrayStyleTraceId, type TestLog, type TestSpan } from "./support/otlp-json";

const now = Date.now();
const tag = randomHex(3);
const exceptionType = `PaymentTimeout${tag}Error`;
const api = `api-${tag}`;
const orders = `orders-${tag}`;

interface Seeded {
  id: string;
  failing: string;
  spans: TestSpan[];
  logs: TestLog[];
}

/** api → orders (a call named `call`), which records `exception` when given and logs an ERROR line. */
function trace(ageMs: number, call: string, exception: string | null, order: number): Seeded {
  const t0 = now - ageMs;
  const id = xrayStyleTraceId(t0);
  const root = randomHex(8);
  const failing = randomHex(8);
  const spans: TestSpan[] = [
    { traceId: id, spanId: root, service: api, name: "POST /checkout", kind: 2, startMs: t0, endMs: t0 + 300, statusCode: exception ? 2 : 0 },
    {
      traceId: id,
      spanId: failing,
      parentSpanId: root,
      service: orders,
      name: call,
      kind: 3,
      startMs: t0 + 10,
      endMs: t0 + 290,
      statusCode: exception ? 2 : 0,
      attributes: { "customer.tier": `gold-${tag}` },
      events: exception
        ? [{ name: "exception", timeMs: t0 + 289, attributes: { "exception.type": exception, "exception.message": `order ${order} timed out` } }]
        : [],
    },
  ];
  const logs: TestLog[] = [
    {
      service: orders,
      timeMs: t0 + 289,
      traceId: id,
      spanId: failing,
      severityNumber: exception ? 17 : 9,
      body:
        exception === exceptionType
          ? `charge for order ${order} (req req_${randomHex(8)}) timed out after ${280 + order} ms`
          : exception
            ? `refund for order ${order} rejected`
            : `charge for order ${order} ok`,
    },
  ];
  return { id, failing, spans, logs };
}

const withIt = [
  trace(2 * 60_000, "POST /v1/charges", exceptionType, 881),
  trace(9 * 60_000, "POST /v1/refunds", exceptionType, 17),
  trace(40 * 60_000, "POST /v1/charges", exceptionType, 4),
];
const without = [trace(5 * 60_000, "POST /v1/charges", null, 5), trace(6 * 60_000, "POST /v1/charges", `Other${tag}Error`, 6)];
const all = [...withIt, ...without];
const sorted = (ids: (string | null)[]) => [...ids].sort();

const rowIds = (page: Page) => page.getByTestId("trace-row").evaluateAll((els) => els.map((e) => e.getAttribute("data-trace-id")));

test.beforeAll(async ({ request }) => {
  expect((await request.post("/v1/traces", { data: tracesRequest(all.flatMap((t) => t.spans)) })).status()).toBe(200);
  expect((await request.post("/v1/logs", { data: logsRequest(all.flatMap((t) => t.logs)) })).status()).toBe(200);
});

test("a pivot from an exception finds all traces with it", async ({ page }) => {
  await page.goto(`/trace/${withIt[0].id}?span=${withIt[0].failing}`);
  const pivot = page.getByTestId("span-details").locator('[data-testid="pivot-link"][data-pivot="exception"]');
  await expect(pivot).toBeVisible();
  await pivot.click();
  await expect(page).toHaveURL(/\/traces\?.*exception=/);
  await expect(page.getByTestId("pivot-filter")).toContainText(exceptionType);
  await expect(page.getByTestId("trace-row")).toHaveCount(3);
  expect(sorted(await rowIds(page))).toEqual(sorted(withIt.map((t) => t.id)));
  // Dropping the pivot widens the search again.
  await page.getByRole("button", { name: `Remove the filter has the exception ${exceptionType}` }).click();
  await expect(page.getByTestId("pivot-filter")).toHaveCount(0);
  await expect(page).not.toHaveURL(/exception=/);
});

test("a pivot from a span name and from an attribute value", async ({ page }) => {
  await page.goto(`/trace/${withIt[1].id}?span=${withIt[1].failing}`);
  await page.getByTestId("span-details").locator('[data-testid="pivot-link"][data-pivot="span"]').click();
  await expect(page).toHaveURL(/spanName=POST\+%2Fv1%2Frefunds|spanName=POST%20%2Fv1%2Frefunds/);
  await expect(page.getByTestId("trace-row")).toHaveCount(1);

  await page.goto(`/trace/${withIt[1].id}?span=${withIt[1].failing}`);
  await page
    .getByTestId("span-details")
    .locator("dd", { hasText: `gold-${tag}` })
    .getByTestId("pivot-link")
    .click();
  await expect(page).toHaveURL(/attr=customer\.tier%3Dgold/);
  await expect(page.getByTestId("trace-row")).toHaveCount(all.length);
});

test("lines like this: a log line's pattern finds the traces with the same line", async ({ page }) => {
  await page.goto(`/trace/${withIt[0].id}`);
  const row = page.getByTestId("log-row").first();
  await row.getByRole("button", { name: "Expand log line" }).click();
  await row.locator('[data-testid="pivot-link"][data-pivot="log"]').click();
  await expect(page).toHaveURL(/logPattern=/);
  await expect(page.getByTestId("trace-row")).toHaveCount(3);
  expect(sorted(await rowIds(page))).toEqual(sorted(withIt.map((t) => t.id)));
});

test("the API's pivot filters, and a clear 400 for a malformed one", async ({ request }) => {
  const window = `from=${now - 3_600_000}&to=${now + 60_000}`;
  const found = async (qs: string) => ((await (await request.get(`/api/traces?${window}&${qs}`)).json()).traces as { traceId: string }[]).map((t) => t.traceId);
  expect(sorted(await found(`exception=${exceptionType}`))).toEqual(sorted(withIt.map((t) => t.id)));
  expect(await found(`exception=${exceptionType}&spanName=${encodeURIComponent("POST /v1/refunds")}`)).toEqual([withIt[1].id]);
  expect(sorted(await found(`logPattern=${encodeURIComponent("charge for order 1 (req req_abc123def456) timed out after 3 ms")}&service=${orders}`))).toEqual(
    sorted(withIt.map((t) => t.id)),
  );

  for (const [qs, code, message] of [
    ["spanName=", "invalid_spanName", "spanName: must not be empty"],
    ["exception=a&exception=b", "invalid_exception", "exception: give it once"],
    ["logPattern=%20", "invalid_logPattern", "logPattern:"],
  ]) {
    const res = await request.get(`/api/traces?${qs}`);
    expect(res.status()).toBe(400);
    const body = await res.json();
    expect(body.error.code).toBe(code);
    expect(body.error.message).toContain(message);
  }
});
