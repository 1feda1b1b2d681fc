/**
 * npx tsx bench/ui-cold-profile.ts — where a cold load of a small trace's page spends its time (issue
 * 14, "First paint"): the breakdown behind the cold figure of `npm run bench:ui`. Starts the
 * production server (port 3196 + E2E_PORT_OFFSET), ingests a BENCH_UI_COLD_SPANS-span trace (default 100), loads it once
 * unmeasured, then BENCH_UI_COLD_REPS times (default 3) in a fresh browser context under a Chromium
 * performance trace, and prints per load:
 *  - the page's own response (request sent, first byte, last byte) and every other resource it
 *    loaded before the three panels showed (start → end, bytes on the wire), in order;
 *  - first contentful paint and the moment each panel first showed;
 *  - the renderer's main thread from navigation to the three panels: busy time by trace event (HTML
 *    parsing, script evaluation per chunk, React's work, style and layout, paint) and idle time;
 *  - the server's render: the page fetched from Node 10 times, warm (first byte, last byte, size).
 * BENCH_UI_COLD_TRACE_DIR=dir keeps each Chromium trace. Asserts nothing; changes nothing in the app. Needs a current build (`bash scripts/ensure-build.sh`).
 */
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { Browser } from "@playwright/test";
import type { AppServer } from "../e2e/support/app-server";
import { NAME_SHIM, PANEL_SELECTORS, readTimings, RENDERED_MARK, watchPanels } from "./ui-page";
import { count, ingestTrace, median, ms, selfTimes, VIEWPORT, withAppAndBrowser, type TimedEvent } from "./ui-support";

const PORT = 3196 + (Number(process.env.E2E_PORT_OFFSET ?? 0) || 0);
const SPANS = Number(process.env.BENCH_UI_COLD_SPANS ?? 100);
const REPS = Number(process.env.BENCH_UI_COLD_REPS ?? 3);
const DATA_DIR = path.resolve(__dirname, "results/ui-cold-data");
/** When set, each traced load's Chromium trace is written there (open it in DevTools' Performance panel). */
const TRACE_DIR = process.env.BENCH_UI_COLD_TRACE_DIR;
const CATEGORIES = ["devtools.timeline", "disabled-by-default-devtools.timeline", "blink.user_timing", "v8", "v8.execute", "toplevel", "loading"];

interface TraceEvent extends TimedEvent {
  args?: { name?: string; data?: { url?: string; frame?: string } };
}

interface Loaded {
  name: string;
  initiatorType: string;
  startTime: number;
  responseStart: number;
  responseEnd: number;
  transferSize: number;
}

const short = (url: string) => url.replace(/^https?:\/\/[^/]+/, "").replace(/^\/_next\/static\//, "");

/** Script evaluation and compilation by chunk; other events by name. */
const eventKey = (e: TraceEvent) => (e.name === "EvaluateScript" || e.name === "v8.compile" ? `${e.name} ${short(e.args?.data?.url ?? "")}` : e.name);

async function coldLoad(browser: Browser, server: AppServer, traceId: string, traced: boolean): Promise<void> {
  const context = await browser.newContext({ viewport: VIEWPORT });
  try {
    await context.addInitScript({ content: NAME_SHIM });
    await context.addInitScript(watchPanels, { selectors: PANEL_SELECTORS, mark: RENDERED_MARK });
    const page = await context.newPage();
    if (traced) await browser.startTracing(page, { categories: CATEGORIES });
    await page.goto(`${server.url}/trace/${traceId}`, { waitUntil: "commit" });
    await page.waitForFunction(() => window.__sightlineBench?.renderedAt != null, undefined, { timeout: 60_000, polling: "raf" });
    await page.waitForTimeout(200);
    const buffer = traced ? await browser.stopTracing() : null;
    if (!traced) return;
    const t = await page.evaluate(readTimings, traceId);
    const [nav, fcp, resources] = await page.evaluate(() => {
      const n = performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming;
      const r = (performance.getEntriesByType("resource") as PerformanceResourceTiming[]).map((e) => ({
        name: e.name,
        initiatorType: e.initiatorType,
        startTime: e.startTime,
        responseStart: e.responseStart,
        responseEnd: e.responseEnd,
        transferSize: e.transferSize,
      }));
      return [
        {
          requestStart: n.requestStart,
          responseStart: n.responseStart,
          responseEnd: n.responseEnd,
          transferSize: n.transferSize,
          dcl: n.domContentLoadedEventEnd,
        },
        performance.getEntriesByName("first-contentful-paint")[0]?.startTime ?? NaN,
        r,
      ] as const;
    });
    const at = (i: number) => t.marks.firstVisible[PANEL_SELECTORS[i]] ?? NaN;
    const rendered = t.marks.renderedAt ?? NaN;
    console.log(
      `  page: request ${ms(nav.requestStart)}, first byte ${ms(nav.responseStart)}, last byte ${ms(nav.responseEnd)} ms (${(nav.transferSize / 1024).toFixed(1)} KB); ` +
        `FCP ${ms(fcp)} ms; Gantt row ${ms(at(0))}, map ${ms(at(2))}, log line ${ms(at(1))}, all three ${ms(rendered)} ms; DOMContentLoaded ${ms(nav.dcl)} ms`,
    );
    const before = (resources as Loaded[]).filter((r) => r.startTime < rendered).sort((a, b) => a.startTime - b.startTime);
    for (const r of before)
      console.log(
        `    ${ms(r.startTime).padStart(6)} → ${ms(r.responseEnd).padStart(6)} ms  ${(r.transferSize / 1024).toFixed(1).padStart(6)} KB  ${r.initiatorType} ${short(r.name)}`,
      );
    if (TRACE_DIR) {
      mkdirSync(TRACE_DIR, { recursive: true });
      writeFileSync(path.join(TRACE_DIR, `cold-${Date.now()}.json`), buffer!);
    }
    const events = (JSON.parse(buffer!.toString("utf8")) as { traceEvents: TraceEvent[] }).traceEvents;
    const mark = events.find((e) => e.name === RENDERED_MARK);
    if (!mark) return;
    const offset = mark.ts - rendered * 1000;
    const main = events.find((e) => e.ph === "M" && e.name === "thread_name" && e.pid === mark.pid && e.args?.name === "CrRendererMain")?.tid ?? mark.tid;
    const windows: [string, number, number][] = [
      ["navigation → first byte", 0, nav.responseStart],
      ["first byte → FCP", nav.responseStart, fcp],
      ["FCP → all three panels", fcp, rendered],
    ];
    for (const [label, fromMs, toMs] of windows) {
      if (!(toMs > fromMs)) continue;
      const self = selfTimes(events, mark.pid, main, offset + fromMs * 1000, offset + toMs * 1000, eventKey);
      const busy = [...self.values()].reduce((a, b) => a + b, 0) / 1000;
      const topTen = [...self]
        .filter(([, v]) => v >= 2000)
        .sort((a, b) => b[1] - a[1])
        .slice(0, 10)
        .map(([n, v]) => `${n} ${ms(v / 1000)}`);
      console.log(`    main thread, ${label} (${ms(toMs - fromMs)} ms): busy ${ms(busy)} ms — ${topTen.join(", ")}`);
    }
  } finally {
    await context.close();
  }
}

/** The server's share: the page fetched from Node, warm, as a browser would ask for it (brotli). */
async function serverRender(server: AppServer, traceId: string): Promise<void> {
  const first: number[] = [];
  const last: number[] = [];
  let bytes = 0;
  for (let i = 0; i < 10; i++) {
    const t0 = performance.now();
    const res = await fetch(`${server.url}/trace/${traceId}`, { headers: { "accept-encoding": "br" } });
    const reader = res.body!.getReader();
    let firstAt = NaN;
    let n = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (Number.isNaN(firstAt)) firstAt = performance.now() - t0;
      n += value.byteLength;
    }
    first.push(firstAt);
    last.push(performance.now() - t0);
    bytes = n;
  }
  console.log(
    `  server render from Node (10 warm fetches, median): first bytes ${ms(median(first))} ms, last byte ${ms(median(last))} ms, ${(bytes / 1024).toFixed(1)} KB decoded by fetch`,
  );
}

async function main() {
  rmSync(DATA_DIR, { recursive: true, force: true });
  await withAppAndBrowser(PORT, DATA_DIR, async (server, browser) => {
    const { traceId } = await ingestTrace(server, SPANS);
    console.log(`cold loads of a ${count(SPANS)}-span trace's page (fresh context each, traced), times from navigation:`);
    await coldLoad(browser, server, traceId, false);
    for (let i = 0; i < REPS; i++) await coldLoad(browser, server, traceId, true);
    await serverRender(server, traceId);
  });
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
