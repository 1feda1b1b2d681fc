/** aws mode: "Open in AWS console", "Open in Logs Insights" and "Copy Logs Insights query" for a trace. */
import { expect, test } from "@playwright/test";
import { buildKnownTrace, type KnownTrace } from "./support/known-trace";
import { seedInAws } from "./support/xray-seed";

let known: KnownTrace;
const xrayOf = (hex: string) => `1-${hex.slice(0, 8)}-${hex.slice(8)}`;

test.beforeAll(async () => {
  known = buildKnownTrace();
  await seedInAws(known.spans, known.logs);
});

test("the links route gives the trace's console URL and its Logs Insights query with both ID forms", async ({ request }) => {
  const xray = xrayOf(known.traceId);
  const res = await request.get(`/api/traces/${xray}/aws-links`);
  expect(res.status()).toBe(200);
  const links = await res.json();
  expect(links.region).toBe("us-east-1");
  expect(links.traceConsoleUrl).toBe(`https://us-east-1.console.aws.amazon.com/cloudwatch/home?region=us-east-1#xray:traces/${xray}`);
  expect(links.query).toContain(known.traceId);
  expect(links.query).toContain(xray);
  expect(links.logsInsightsConsoleUrl).toMatch(
    /^https:\/\/us-east-1\.console\.aws\.amazon\.com\/cloudwatch\/home\?region=us-east-1#logsV2:logs-insights\$3FqueryDetail\$3D/,
  );
  // The prefilled query carries the trace ID (hex digits pass the console's encoding unchanged).
  expect(links.logsInsightsConsoleUrl).toContain(known.traceId);
  // LOG_GROUPS=/sightline-e2e/* is expanded to the seeded groups.
  expect(links.logGroups).toContain("/sightline-e2e/payment-svc");

  // The W3C form gives the same links.
  const same = await (await request.get(`/api/traces/${known.traceId}/aws-links`)).json();
  expect(same.traceConsoleUrl).toBe(links.traceConsoleUrl);
  expect(same.query).toBe(links.query);
});

test("the trace page header shows the AWS links and the query copy button, and Export OTLP", async ({ page }) => {
  // Record what is copied (the clipboard itself depends on the browser's permissions).
  await page.addInitScript(() => {
    const w = window as typeof window & { copiedTexts: string[] };
    w.copiedTexts = [];
    Object.defineProperty(navigator, "clipboard", {
      configurable: true,
      value: { writeText: async (text: string) => void w.copiedTexts.push(text) },
    });
  });
  await page.goto(`/trace/${known.traceId}`);
  await expect(page.getByTestId("trace-header")).toBeVisible();
  const consoleLink = page.getByTestId("open-aws-console");
  await expect(consoleLink).toBeVisible();
  await expect(consoleLink).toHaveAttribute("href", new RegExp(`#xray:traces/${xrayOf(known.traceId)}$`));
  await expect(page.getByTestId("open-logs-insights")).toHaveAttribute("href", /#logsV2:logs-insights\$3FqueryDetail/);
  await expect(page.getByTestId("export-otlp")).toBeVisible();
  const copy = page.getByTestId("copy-logs-query");
  await copy.click();
  await expect(copy).toHaveText(/Copied/);
  const copied = await page.evaluate(() => (window as typeof window & { copiedTexts: string[] }).copiedTexts.at(-1) ?? "");
  expect(copied).toContain(known.traceId);
  expect(copied).toContain(xrayOf(known.traceId));
});

test("the export works in aws mode too", async ({ request }) => {
  const res = await request.get(`/api/traces/${known.traceId}/otlp`);
  expect(res.status()).toBe(200);
  const body = await res.json();
  const spanIds = body.resourceSpans.flatMap((r: { scopeSpans: { spans: { spanId: string }[] }[] }) =>
    r.scopeSpans.flatMap((s) => s.spans.map((sp) => sp.spanId)),
  );
  for (const id of Object.values(known.ids)) expect(spanIds).toContain(id);
});
