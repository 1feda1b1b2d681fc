/**
 * npx tsx scripts/phone-screenshots.ts [--url http://127.0.0.1:3000] [--out docs/screenshots] [--extra DIR] [--trace ID]
 *
 * The trace page on a phone (390×844, touch, 2× pixels), light and dark, from a running Sightline
 * (the demo: `npm run demo`): a failing trace of the last hour with its first failing span that has
 * an error message selected. Writes <out>/trace-phone-{light,dark}.png (the Gantt tab with the
 * span's details); with --extra, also every tab and the page at 1440×900 into DIR, to look at.
 */
import { mkdirSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { chromium } from "@playwright/test";
import type { Span, Trace, TraceSummary } from "../lib/model";
import { chromiumLaunch } from "../playwright.config";

const { values } = parseArgs({
  options: {
    url: { type: "string", default: "http://127.0.0.1:3000" },
    out: { type: "string", default: "docs/screenshots" },
    extra: { type: "string" },
    trace: { type: "string" },
  },
});
const base = values.url!;

async function json<T>(route: string): Promise<T> {
  const response = await fetch(new URL(route, base));
  if (!response.ok) throw new Error(`${route}: HTTP ${response.status}`);
  return (await response.json()) as T;
}

/** The first failing span that says why, preferring one with an exception. */
function failingSpan(trace: Trace): Span | undefined {
  const failing = trace.spans.filter((s) => s.status === "fault" && s.statusMessage);
  return failing.find((s) => s.events.some((e) => e.name === "exception")) ?? failing[0];
}

async function pickTrace(): Promise<{ trace: Trace; span: Span }> {
  const ids = values.trace ? [values.trace] : (await json<{ traces: TraceSummary[] }>("/api/traces?status=fault&limit=50")).traces.map((t) => t.traceId);
  for (const id of ids) {
    const { trace } = await json<{ trace: Trace }>(`/api/traces/${id}`);
    const span = failingSpan(trace);
    if (span) return { trace, span };
  }
  throw new Error("no failing trace with an error message: run the demo first (npm run demo)");
}

async function main() {
  const { trace, span } = await pickTrace();
  console.log(`trace ${trace.traceId}, span ${span.service} ${span.name}: ${span.statusMessage}`);
  mkdirSync(values.out!, { recursive: true });
  if (values.extra) mkdirSync(values.extra, { recursive: true });
  const browser = await chromium.launch(chromiumLaunch);
  try {
    for (const colorScheme of ["light", "dark"] as const) {
      const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, colorScheme });
      const page = await phone.newPage();
      await page.goto(new URL(`/trace/${trace.traceId}?span=${span.spanId}`, base).href);
      await page.getByTestId("span-details").waitFor();
      await page.waitForLoadState("networkidle");
      await page.screenshot({ path: path.join(values.out!, `trace-phone-${colorScheme}.png`) });
      if (values.extra) {
        for (const tab of ["logs", "map"]) {
          await page.locator(`[data-testid="panel-tab"][data-panel="${tab}"]`).tap();
          await page.waitForTimeout(tab === "map" ? 1500 : 300);
          await page.screenshot({ path: path.join(values.extra, `trace-phone-${colorScheme}-${tab}.png`) });
        }
        for (const [route, name] of [
          ["/", "home"],
          ["/traces", "traces"],
          ["/map", "map"],
          ["/snapshots", "snapshots"],
        ]) {
          await page.goto(new URL(route, base).href);
          await page.waitForLoadState("networkidle");
          await page.waitForTimeout(route === "/map" ? 1500 : 300);
          await page.screenshot({ path: path.join(values.extra, `${name}-phone-${colorScheme}.png`) });
        }
      }
      await phone.close();
      if (values.extra) {
        const desktop = await browser.newContext({ viewport: { width: 1440, height: 900 }, colorScheme });
        const page = await desktop.newPage();
        await page.goto(new URL(`/trace/${trace.traceId}?span=${span.spanId}`, base).href);
        await page.getByTestId("span-details").waitFor();
        await page.waitForLoadState("networkidle");
        await page.waitForTimeout(1000);
        await page.screenshot({ path: path.join(values.extra, `trace-desktop-${colorScheme}.png`) });
        await desktop.close();
      }
    }
  } finally {
    await browser.close();
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
