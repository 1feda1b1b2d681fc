/**
 * A large trace whose spans are still arriving (a batch job, a trace opened mid-ingest): the page
 * shows at once the outline laid out so far, says how much of the trace it covers, holds search and
 * "Next failure" until the rest is laid out, and replaces itself with the whole trace once the
 * outline builder has caught up (lib/sources/local/store/outline-builder.ts `due`: a trace is laid
 * out again once it settles, or, from TRACE_GROWING_FROM_SPANS spans, once it has four times the
 * spans laid out). On a server of its own with TRACE_GROWING_FROM_SPANS=20000, so that a trace of
 * 40,000 spans (not 400,000) shows it.
 */
import { expect, test, type APIRequestContext } from "@playwright/test";
import { buildLargeTrace } from "./support/large-trace";
import { tracesRequest, type TestSpan } from "./support/otlp-json";
import { ownAppServer } from "./support/own-server";
import { GROWING_PORT } from "./support/ports";

const app = ownAppServer(GROWING_PORT, "growing", { TRACE_GROWING_FROM_SPANS: "20000" });

const post = async (request: APIRequestContext, spans: TestSpan[]) =>
  expect((await request.post(`${app().url}/v1/traces`, { data: tracesRequest(spans) })).status()).toBe(200);

test("a trace still receiving spans shows what is laid out so far, then the whole trace", async ({ page, request }) => {
  test.setTimeout(120_000);
  const { traceId, spans, order } = buildLargeTrace(40_000);
  const head = 25_000;
  for (let i = 0; i < head; i += 5_000) await post(request, spans.slice(i, Math.min(head, i + 5_000)));
  const outline = async () =>
    (await (await request.get(`${app().url}/api/traces/${traceId}/outline`)).json()) as { stats: { spanCount: number }; partial?: unknown };
  expect((await outline()).stats.spanCount).toBe(head);

  // Spans keep arriving, a few at a time: too few to make it four times what is laid out, and never settled.
  let next = head;
  let arriving = true;
  const trickle = (async () => {
    while (arriving && next < spans.length - 100) {
      await post(request, spans.slice(next, next + 100));
      next += 100;
      await new Promise((r) => setTimeout(r, 400));
    }
  })();
  try {
    // Once an outline is stored (by the first load above, or the builder), it answers as partial.
    await expect.poll(async () => (await outline()).partial !== undefined, { timeout: 30_000 }).toBe(true);
    await page.goto(`${app().url}/trace/${traceId}`);
    const note = page.getByTestId("partial-outline");
    await expect(note).toContainText(/Spans still arriving: [\d,]+ of [\d,]+ laid out so far/);
    // The first load's outline (25,000 spans) when it was stored before the next spans came; else the
    // builder's, of the spans there at its scan. Either covers fewer spans than the trace has.
    const [laidOut, total] = /([\d,]+) of ([\d,]+)/
      .exec((await note.textContent()) ?? "")!
      .slice(1)
      .map((n) => Number(n.replaceAll(",", "")));
    expect(laidOut).toBeGreaterThanOrEqual(head);
    expect(laidOut).toBeLessThan(total);
    await expect(page.locator(`[data-testid="span-row"][data-span-id="${order[0]}"]`)).toBeVisible();
    await expect(page.getByRole("grid", { name: "Spans" })).toHaveAttribute("aria-rowcount", String(laidOut));
    // A click shows the row's details from the row at hand.
    const third = page.locator(`[data-testid="span-row"][data-span-id="${order[2]}"]`);
    await third.click();
    await expect(third).toHaveAttribute("data-selected", "true");
    await expect(page.getByTestId("span-details")).toContainText("step 2");
    // Search and "Next failure" wait for the whole trace, and say so.
    await page.getByLabel("Search spans").fill("step 39999");
    await expect(page.getByTestId("span-match-count")).toHaveText("searching…");
    await page.getByTestId("next-failure").click();
    await expect(page.getByTestId("windowed-note")).toContainText("“Next failure” waits until all");
  } finally {
    arriving = false;
    await trickle;
  }
  for (let i = next; i < spans.length; i += 5_000) await post(request, spans.slice(i, i + 5_000));

  // Settled: laid out whole within a few of the builder's scans, and the page follows on its own.
  await expect(page.getByTestId("windowed-note")).toContainText("Large trace (40,000 spans)", { timeout: 60_000 });
  await expect(page.getByTestId("partial-outline")).toHaveCount(0);
  // The search typed meanwhile now runs over the whole trace.
  await expect(page.getByTestId("span-match-count")).toHaveText("1 match", { timeout: 15_000 });
  await page.getByLabel("Search spans").fill("");
  await page.getByRole("grid", { name: "Spans" }).evaluate((el) => (el.scrollTop = el.scrollHeight));
  await expect(page.locator(`[data-testid="span-row"][data-span-id="${order[order.length - 1]}"]`)).toBeVisible();
});
