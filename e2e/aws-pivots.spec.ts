/**
 * Pivots against the AWS test server: an exception on the trace page finds the traces whose
 * root cause is that exception (X-Ray's rootcause.*.exception.name); the filters X-Ray cannot
 * express are a 400 that says so.
 */
import { expect, test } from "@playwright/test";
import { randomHex, xrayStyleTraceId, type TestSpan } from "./support/otlp-json";
import { buildKnownTrace } from "./support/known-trace";
import { seedInAws } from "./support/xray-seed";

const now = Date.now();
const tag = randomHex(3);
const exceptionType = `Upstream${tag}Timeout`;
const api = `edge-${tag}`;
const orders = `orders-${tag}`;

function trace(ageMs: number, fail: boolean) {
  const t0 = now - ageMs;
  const id = xrayStyleTraceId(t0);
  const root = randomHex(8);
  const child = randomHex(8);
  const spans: TestSpan[] = [
    { traceId: id, spanId: root, service: api, name: "GET /", kind: 2, startMs: t0, endMs: t0 + 200, statusCode: fail ? 2 : 0 },
    { traceId: id, spanId: child, parentSpanId: root, service: orders, name: orders, kind: 2, startMs: t0 + 10, endMs: t0 + 190, statusCode: fail ? 2 : 0 },
  ];
  return { id, child, spans, fail };
}

const failing = [trace(3 * 60_000, true), trace(7 * 60_000, true)];
const healthy = [trace(5 * 60_000, false)];
const failingSegments = new Set(failing.map((t) => t.child));

test.beforeAll(async () => {
  // The app expands LOG_GROUPS once per 5 minutes: opening a trace page before the known trace's
  // groups exist would hide them from the trace-page journeys that run after this one.
  const known = buildKnownTrace();
  await seedInAws(known.spans, known.logs);
  await seedInAws(
    [...failing, ...healthy].flatMap((t) => t.spans),
    [],
    {
      adjustSegment: (d) => {
        const doc = d as { id: string };
        return failingSegments.has(doc.id)
          ? { ...doc, cause: { exceptions: [{ id: randomHex(8), type: exceptionType, message: "upstream timed out" }] } }
          : doc;
      },
    },
  );
});

test("a pivot from an exception finds every trace whose root cause it is (aws)", async ({ page, request }) => {
  await page.goto(`/trace/${failing[0].id}?span=${failing[0].child}`);
  const pivot = page.getByTestId("span-details").locator('[data-testid="pivot-link"][data-pivot="exception"]');
  await expect(pivot).toBeVisible();
  await pivot.click();
  await expect(page).toHaveURL(/exception=/);
  await expect(page.getByTestId("trace-row")).toHaveCount(2);
  const ids = await page.getByTestId("trace-row").evaluateAll((els) => els.map((e) => e.getAttribute("data-trace-id")));
  expect(ids.sort()).toEqual(failing.map((t) => t.id).sort());

  for (const [qs, word] of [
    ["spanName=GET%20%2F", "spanName:"],
    ["logPattern=timed%20out", "logPattern:"],
  ]) {
    const res = await request.get(`/api/traces?${qs}`);
    expect(res.status()).toBe(400);
    expect((await res.json()).error.message).toContain(word);
  }
});
