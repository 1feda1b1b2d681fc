/**
 * `npm run bench:loading`: the trace page used
 * while it is still loading, beside a CPU hog (one `node -e 'for(;;){}'`, as bench:jaeger's
 * "moderate load"). The production build, a 10,000-span trace of e2e/support/shaped-trace.ts (one
 * log line a span). Each of BENCH_LOADS (8) fresh page loads, after one unmeasured: the first span
 * row painted (bench/ui-page.ts's watchPanels) → a click on the second row at once → its details
 * visible (timed in the page; a click that shows nothing within 20 s is "lost") → the Gantt
 * scrolled 120 px a frame for 2 s, frame-to-frame p95, and the main-thread tasks over 50 ms.
 * Prints each load and the medians; asserts nothing.
 */
import { spawn } from "node:child_process";
import { rmSync } from "node:fs";
import path from "node:path";
import { chromium, type Browser } from "@playwright/test";
import { startAppServer, waitForExit } from "../e2e/support/app-server";
import { buildShapedTrace, ingestShapedTrace } from "../e2e/support/shaped-trace";
import { clickAndWaitFor, NAME_SHIM, scrollAndSampleFrames, watchPanels } from "./ui-page";
import { CHROMIUM, frameStats, median, ms, VIEWPORT } from "./ui-support";

const SPANS = Number(process.env.BENCH_SPANS ?? 10_000);
const LOADS = Number(process.env.BENCH_LOADS ?? 8);
const PORT = Number(process.env.BENCH_PORT ?? 3195);
const LOST_AFTER_MS = 20_000;
const DATA_DIR = path.resolve(__dirname, "results/ui-while-loading-data");

interface Load {
  firstRowMs: number;
  /** Click → details painted; NaN when the click was lost. */
  clickMs: number;
  scrollP95: number;
  longTaskMs: number;
}

async function load(browser: Browser, url: string): Promise<Load> {
  const context = await browser.newContext({ viewport: VIEWPORT });
  try {
    await context.addInitScript({ content: NAME_SHIM });
    await context.addInitScript(watchPanels, { selectors: ['[data-testid="span-row"]'], mark: "bench:first-row" });
    const page = await context.newPage();
    await page.goto(url, { waitUntil: "commit" });
    const painted = await page.waitForFunction(() => window.__sightlineBench?.paintedAt, undefined, { polling: "raf", timeout: 60_000 });
    const firstRowMs = (await painted.jsonValue()) as number;
    await page
      .getByTestId("span-row")
      .nth(1)
      .evaluate((el) => ((window as unknown as { __benchClickTarget: Element }).__benchClickTarget = el));
    const clickMs = await page.evaluate(clickAndWaitFor, { details: '[data-testid="span-details"]', lostAfterMs: LOST_AFTER_MS });
    const grid = await page.getByRole("grid", { name: "Spans" }).elementHandle();
    const run = await grid!.evaluate(scrollAndSampleFrames, { durationMs: 2000, stepPx: 120 });
    return { firstRowMs, clickMs, scrollP95: frameStats(run).p95, longTaskMs: run.longTaskMs };
  } finally {
    await context.close();
  }
}

async function main(): Promise<void> {
  rmSync(DATA_DIR, { recursive: true, force: true });
  const app = await startAppServer(PORT, { DATA_DIR });
  const hog = spawn(process.execPath, ["-e", "for(;;){}"], { stdio: "ignore" });
  const browser = await chromium.launch(CHROMIUM);
  try {
    const trace = buildShapedTrace(SPANS);
    await ingestShapedTrace(app.url, trace);
    const url = `${app.url}/trace/${trace.traceId}`;
    await load(browser, url);
    const loads: Load[] = [];
    for (let i = 0; i < LOADS; i++) {
      const l = await load(browser, url);
      loads.push(l);
      console.log(
        `load ${i + 1}: first row ${ms(l.firstRowMs)} ms, click → details ${Number.isFinite(l.clickMs) ? `${ms(l.clickMs)} ms` : "LOST"}, scroll p95 ${ms(l.scrollP95)} ms, long tasks while scrolling ${ms(l.longTaskMs)} ms`,
      );
    }
    const clicks = loads.map((l) => l.clickMs).filter(Number.isFinite);
    console.log(
      `${SPANS.toLocaleString("en-US")} spans beside a CPU hog, ${LOADS} loads (medians): first row ${ms(median(loads.map((l) => l.firstRowMs)))} ms; ` +
        `click → details ${ms(median(clicks))} ms (lost: ${LOADS - clicks.length}); scroll p95 ${ms(median(loads.map((l) => l.scrollP95)))} ms ` +
        `(one frame: ${loads.filter((l) => l.scrollP95 < 17).length} of ${LOADS}); long tasks while scrolling ${ms(median(loads.map((l) => l.longTaskMs)))} ms`,
    );
  } finally {
    hog.kill();
    await browser.close();
    app.process.kill("SIGTERM");
    await waitForExit(app.process);
  }
}

void main();
