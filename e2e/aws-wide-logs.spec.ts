/**
 * aws mode, issue 13: a log line in a log group that no setting and no segment names (outside
 * LOG_GROUPS' prefix `/sightline-e2e/*`) is found by the wide pass (filterIndex traceId over the
 * account, LOG_SCOPE=account) and shown on the trace page, tagged as such, with each pass's scan
 * and cost.
 */
import { expect, test } from "@playwright/test";
import { buildKnownTrace, type KnownTrace } from "./support/known-trace";
import { seedInAws } from "./support/xray-seed";

let known: KnownTrace;
const UNNAMED_GROUP = "/ledger-team/entries";
const LEDGER_LINE = "ledger entry written for the checkout";

test.beforeAll(async () => {
  known = buildKnownTrace();
  const ledger = { service: "ledger-worker", timeMs: known.spans[0].startMs + 500, body: LEDGER_LINE, traceId: known.traceId };
  // No span is of ledger-worker, nothing names its group, and no LOG_GROUPS prefix matches it.
  await seedInAws(known.spans, [...known.logs, ledger], {
    logGroupOf: (service) => (service === "ledger-worker" ? UNNAMED_GROUP : `/sightline-e2e/${service}`),
  });
});

test("the logs API gives the line of the unnamed group, found by the wide pass, and each pass's scan", async ({ request }) => {
  let body: { status: string; events: { message: string; logGroup: string; pass?: string }[]; passes?: { pass: string; stats: { bytesScanned: number } }[] };
  await expect(async () => {
    body = await (await request.get(`/api/traces/${known.traceId}/logs?waitMs=2000`)).json();
    expect(body.status).toBe("complete");
  }).toPass({ timeout: 20_000 });
  const ledger = body!.events.find((e) => e.message.includes(LEDGER_LINE));
  expect(ledger).toMatchObject({ logGroup: UNNAMED_GROUP, pass: "wide" });
  expect(body!.passes?.map((p) => p.pass)).toEqual(["wide", "narrow"]);
  expect(body!.passes?.[0].stats.bytesScanned).toBeGreaterThan(0);
});

test("the trace page shows the line with a 'wide' tag, and the scan and cost of each pass", async ({ page }) => {
  await page.goto(`/trace/${known.traceId}`);
  const row = page.getByTestId("log-row").filter({ hasText: LEDGER_LINE });
  await expect(row).toBeVisible({ timeout: 20_000 });
  await expect(row).toHaveAttribute("data-pass", "wide");
  const tag = row.getByTestId("log-pass-wide");
  await expect(tag).toHaveText("wide");
  await expect(tag).toHaveAttribute("title", new RegExp(`in ${UNNAMED_GROUP}, which no setting and no span names`));
  await expect(page.getByText(/scanned [\d.,]+ MB · ~<?\$[\d.]+ \(wide [\d.,]+ MB · ~<?\$[\d.]+, narrow [\d.,]+ MB · ~<?\$[\d.]+\)/)).toBeVisible();
});
