/**
 * npm run bench:ui (last part) — traces of issue 14's shape (8 services, fan-out 2–8, 6 attributes
 * a span; e2e/support/shaped-trace.ts) of 10,000, 100,000 and 1,000,000 spans, one log line per
 * 100 spans, in Debian's Chromium at 1440×900 against the production server: navigation → first
 * span row visible, on the server's first load of the trace (cold: it reads the trace and builds
 * its outline) and on three later loads (warm; median), the Gantt's scroll frames (p50/p95) and the
 * JS heap (CDP). Above TRACE_WINDOW_FROM_SPANS (20,000) the page is the windowed view; the issue's
 * target is the 1,000,000-span trace's first rows within 1.5× the 10,000-span one's.
 * BENCH_WINDOWED_SIZES chooses the sizes ("" skips this part). Asserts nothing.
 */
import { rmSync } from "node:fs";
import path from "node:path";
import { chromium, type Browser } from "@playwright/test";
import { startAppServer, waitForExit, type AppServer } from "../e2e/support/app-server";
import { buildShapedTrace, ingestShapedTrace } from "../e2e/support/shaped-trace";
import { percentileSorted } from "../lib/analysis/percentile";
import { NAME_SHIM, scrollAndSampleFrames } from "./ui-page";
import { CHROMIUM, count, mb, median, ms, VIEWPORT } from "./ui-support";

const PORT = 3195;
const SIZES = (process.env.BENCH_WINDOWED_SIZES ?? "10000,100000,1000000")
  .split(",")
  .filter((s) => s.trim() !== "")
  .map(Number);
const WARM_REPS = 3;
const DATA_DIR = path.resolve(__dirname, "results/ui-windowed-data");
const SCROLL = { durationMs: 3000, stepPx: 120 };

interface Load {
  firstRowMs: number;
  heapBytes: number;
  p50: number;
  p95: number;
}

async function ingest(server: AppServer, spans: number): Promise<{ traceId: string; seconds: number }> {
  const trace = buildShapedTrace(spans, { logEvery: 100 });
  const t0 = performance.now();
  await ingestShapedTrace(server.url, trace);
  return { traceId: trace.traceId, seconds: (performance.now() - t0) / 1000 };
}

async function load(browser: Browser, server: AppServer, traceId: string, scroll: boolean): Promise<Load> {
  const context = await browser.newContext({ viewport: VIEWPORT });
  try {
    // tsx's compiled functions name themselves through __name, which the page lacks.
    await context.addInitScript({ content: NAME_SHIM });
    const page = await context.newPage();
    const t0 = Date.now();
    await page.goto(`${server.url}/trace/${traceId}`, { waitUntil: "commit", timeout: 600_000 });
    await page.getByTestId("span-row").first().waitFor({ state: "visible", timeout: 600_000 });
    const firstRowMs = Date.now() - t0;
    let p50 = NaN;
    let p95 = NaN;
    if (scroll) {
      const run = await page.getByRole("grid", { name: "Spans" }).evaluate(scrollAndSampleFrames, SCROLL, { timeout: SCROLL.durationMs + 30_000 });
      const d = [...run.deltas].sort((a, b) => a - b);
      p50 = percentileSorted(d, 50);
      p95 = percentileSorted(d, 95);
    }
    const cdp = await context.newCDPSession(page);
    const { usedSize } = await cdp.send("Runtime.getHeapUsage");
    await cdp.detach();
    return { firstRowMs, heapBytes: usedSize, p50, p95 };
  } finally {
    await context.close();
  }
}

async function main(): Promise<void> {
  if (SIZES.length === 0) return;
  rmSync(DATA_DIR, { recursive: true, force: true });
  const server = await startAppServer(PORT, { DATA_DIR, RETENTION_DAYS: "36500" });
  const browser = await chromium.launch(CHROMIUM);
  const rows: string[] = [];
  try {
    for (const spans of SIZES) {
      const { traceId, seconds } = await ingest(server, spans);
      const cold = await load(browser, server, traceId, false);
      const warm: Load[] = [];
      for (let i = 0; i < WARM_REPS; i++) warm.push(await load(browser, server, traceId, true));
      const line = `| ${count(spans)} | ${spans > 20_000 ? "windowed" : "whole"} | ${ms(cold.firstRowMs)} ms | ${ms(median(warm.map((w) => w.firstRowMs)))} ms | ${ms(median(warm.map((w) => w.p50)))} / ${ms(median(warm.map((w) => w.p95)))} ms | ${mb(median(warm.map((w) => w.heapBytes)))} |`;
      console.log(
        `${count(spans)} spans (ingested in ${seconds.toFixed(1)} s): first row cold ${ms(cold.firstRowMs)} ms, warm ${warm.map((w) => ms(w.firstRowMs)).join(" / ")} ms`,
      );
      rows.push(line);
    }
    console.log("\n| spans | view | first row, server's first load | first row, later loads (median of 3) | Gantt scroll frame p50 / p95 | JS heap |");
    console.log("| ---: | --- | ---: | ---: | --- | ---: |");
    for (const r of rows) console.log(r);
  } finally {
    await browser.close();
    server.process.kill("SIGTERM");
    await waitForExit(server.process);
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
