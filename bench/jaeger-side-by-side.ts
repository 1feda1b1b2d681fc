/**
 * npm run bench:jaeger — issue 14's "Side by side with the peer": Sightline and Jaeger UI on the
 * same generated traces (e2e/support/shaped-trace.ts: 8 services, fan-out 2–8, depth 12, 6
 * attributes a span), in Debian's Chromium at 1440×900, on this machine in one run.
 *
 * - Jaeger UI: its static build (scripts/build-jaeger-ui.sh; JAEGER_UI_DIR names the `build`
 *   folder) served by a small node server here, with `/api/traces/{id}` answering the trace in
 *   Jaeger's JSON (`{ data: [trace] }`, times in µs, tags, processes), gzipped once beforehand as
 *   a static file would be; other `/api/` paths answer an empty `{ data: [] }`.
 * - Sightline: the production build (`node server.js`, scripts/ensure-build.sh), the trace ingested
 *   over OTLP/JSON into a fresh store.
 * - Per size (in the order given): one unmeasured load of each (Sightline reads the trace from its store and builds its
 *   outline; both servers then answer from memory), then BENCH_JAEGER_REPS (5) fresh page loads
 *   (a new browser context each: empty cache) alternating Jaeger, Sightline. Each load: navigation
 *   → first span row visible, measured in the page to the frame (and, as sessions 3–10 recorded it,
 *   as Playwright's locator.waitFor polls it, up to 500 ms late); click on the second row → its details visible (timed in the page,
 *   from the click to the first frame showing them); the trace scrolled 120 px a frame for 2 s
 *   (Jaeger scrolls the window, Sightline its Gantt) and the frame-to-frame p95. Medians of the loads.
 * - BENCH_JAEGER_SIZES (default 2000,10000,50000,100000) for both, BENCH_SIGHTLINE_ONLY_SIZES
 *   (default 1000000) for Sightline alone. A load that shows no span row within 180 s is "failed".
 *
 * Prints the load average at the start and after each size, and the table of BENCHMARKS.md with
 * Sightline ÷ Jaeger against the issue's target (≤ 0.25). Asserts nothing.
 */
import { existsSync, readFileSync, rmSync, statSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { loadavg } from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { chromium, type Browser, type JSHandle, type Page } from "@playwright/test";
import { startAppServer, waitForExit } from "../e2e/support/app-server";
import type { TestSpan } from "../e2e/support/otlp-json";
import { buildShapedTrace, ingestShapedTrace, type ShapedTrace } from "../e2e/support/shaped-trace";
import { clickAndWaitFor, NAME_SHIM, scrollAndSampleFrames, watchPanels } from "./ui-page";
import { CHROMIUM, count, frameStats, median, ms, VIEWPORT } from "./ui-support";

const JAEGER_UI_DIR = process.env.JAEGER_UI_DIR;
const SIGHTLINE_PORT = Number(process.env.BENCH_SIGHTLINE_PORT ?? 3296);
const JAEGER_PORT = Number(process.env.BENCH_JAEGER_PORT ?? 3297);
const sizes = (value: string | undefined, def: string) =>
  (value ?? def)
    .split(",")
    .filter((s) => s.trim() !== "")
    .map(Number);
const BOTH = sizes(process.env.BENCH_JAEGER_SIZES, "2000,10000,50000,100000");
const SIGHTLINE_ONLY = sizes(process.env.BENCH_SIGHTLINE_ONLY_SIZES, "1000000");
const REPS = Number(process.env.BENCH_JAEGER_REPS ?? 5);
const FIRST_ROW_TIMEOUT_MS = 180_000;
const SCROLL = { durationMs: 2000, stepPx: 120 };
const TARGET = 0.25;
const DATA_DIR = path.resolve(__dirname, "results/jaeger-side-by-side-data");

const load = () =>
  loadavg()
    .map((l) => l.toFixed(1))
    .join(" / ");

// ---- Jaeger's JSON and its server ----

type JaegerTag = { key: string; type: "string" | "bool" | "int64" | "float64"; value: string | number | boolean };

const tag = (key: string, value: string | number | boolean): JaegerTag => ({
  key,
  type: typeof value === "boolean" ? "bool" : typeof value === "number" ? (Number.isInteger(value) ? "int64" : "float64") : "string",
  value,
});

const SPAN_KIND: Record<number, string> = { 1: "internal", 2: "server", 3: "client", 4: "producer", 5: "consumer" };

/** The trace as Jaeger's query service answers GET /api/traces/{id}. */
function jaegerTraceJson(trace: ShapedTrace): string {
  const processes: Record<string, { serviceName: string; tags: JaegerTag[] }> = {};
  const processOf = new Map<string, string>();
  const spanOf = (s: TestSpan) => {
    let processID = processOf.get(s.service);
    if (!processID) {
      processID = `p${processOf.size + 1}`;
      processOf.set(s.service, processID);
      processes[processID] = { serviceName: s.service, tags: [tag("telemetry.sdk.language", "nodejs")] };
    }
    const tags = Object.entries(s.attributes ?? {}).map(([k, v]) => tag(k, v));
    tags.push(tag("span.kind", SPAN_KIND[s.kind ?? 1] ?? "internal"));
    if (s.statusCode === 2) tags.push(tag("error", true), tag("otel.status_code", "ERROR"));
    return {
      traceID: trace.traceId,
      spanID: s.spanId,
      operationName: s.name,
      references: s.parentSpanId ? [{ refType: "CHILD_OF", traceID: trace.traceId, spanID: s.parentSpanId }] : [],
      startTime: Math.round(s.startMs * 1000),
      duration: Math.max(1, Math.round((s.endMs - s.startMs) * 1000)),
      tags,
      logs: [],
      processID,
      warnings: null,
      flags: 1,
    };
  };
  const spans = trace.spans.map(spanOf);
  return JSON.stringify({ data: [{ traceID: trace.traceId, spans, processes, warnings: null }], total: 0, limit: 0, offset: 0, errors: null });
}

const CONTENT_TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".woff2": "font/woff2",
  ".woff": "font/woff",
  ".json": "application/json",
};

/** Jaeger UI's build as static files (gzipped once, as a file server with precompressed assets would), and the traces. */
function startJaegerServer(root: string, port: number, traces: Map<string, Buffer>): Promise<Server> {
  const files = new Map<string, { body: Buffer; gzip: Buffer }>();
  const file = (rel: string) => {
    let entry = files.get(rel);
    if (!entry) {
      const body = readFileSync(path.join(root, rel));
      entry = { body, gzip: gzipSync(body) };
      files.set(rel, entry);
    }
    return entry;
  };
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    const gzip = /\bgzip\b/.test(String(req.headers["accept-encoding"] ?? ""));
    const send = (status: number, type: string, body: Buffer, zipped: Buffer | null) => {
      const headers: Record<string, string> = { "content-type": type, "cache-control": "no-store" };
      if (gzip && zipped) headers["content-encoding"] = "gzip";
      res.writeHead(status, headers);
      res.end(gzip && zipped ? zipped : body);
    };
    const traceMatch = /^\/api\/traces\/([0-9a-fA-F]+)$/.exec(url.pathname);
    if (traceMatch) {
      const zipped = traces.get(traceMatch[1].toLowerCase());
      if (!zipped) return send(404, "application/json", Buffer.from('{"data":null,"errors":[{"code":404,"msg":"trace not found"}]}'), null);
      res.writeHead(200, { "content-type": "application/json", "content-encoding": "gzip", "cache-control": "no-store" });
      return res.end(zipped);
    }
    if (url.pathname.startsWith("/api/")) return send(200, "application/json", Buffer.from('{"data":[],"total":0}'), null);
    const rel = path.normalize(decodeURIComponent(url.pathname)).replace(/^(\.\.[/\\])+/, "");
    const full = path.join(root, rel);
    if (rel !== "/" && full.startsWith(root) && existsSync(full) && statSync(full).isFile()) {
      const entry = file(rel);
      return send(200, CONTENT_TYPES[path.extname(rel)] ?? "application/octet-stream", entry.body, entry.gzip);
    }
    // The single-page app: every other path is index.html.
    const index = file("index.html");
    send(200, CONTENT_TYPES[".html"], index.body, index.gzip);
  });
  return new Promise((resolve) => server.listen(port, "127.0.0.1", () => resolve(server)));
}

// ---- One page load ----

interface Ui {
  name: string;
  port: number;
  /** The first span row. */
  row: string;
  /** What is clicked for details (its second match); and what shows them. */
  click: string;
  details: string;
  /** The element that scrolls the spans. */
  scroller: (page: Page) => Promise<JSHandle | null>;
}

const JAEGER: Ui = {
  name: "Jaeger UI",
  port: JAEGER_PORT,
  row: ".span-row",
  click: ".span-row .span-name",
  details: ".detail-row",
  scroller: (page) => page.evaluateHandle(() => document.scrollingElement!),
};

const SIGHTLINE: Ui = {
  name: "Sightline",
  port: SIGHTLINE_PORT,
  row: '[data-testid="span-row"]',
  click: '[data-testid="span-row"]',
  details: '[data-testid="span-details"]',
  scroller: (page) => page.getByRole("grid", { name: "Spans" }).elementHandle(),
};

/** In the page: clicks the marked element, then waits frame by frame for `details` to show; ms from the click. */
interface LoadResult {
  /**
   * Navigation start → the first frame showing a span row, painted (in the page: the row checked
   * once per animation frame by bench/ui-page.ts's watchPanels, then the first task after that
   * frame). Precise to a frame, the same way for both UIs.
   */
  firstRowMs: number;
  /**
   * The same as Playwright's locator.waitFor sees it, from before page.goto: its polls back off
   * to one every 500 ms after the first 270 ms, so this is up to 500 ms late (the figure sessions
   * 3–10 recorded).
   */
  polledMs: number;
  clickMs: number;
  scrollP95: number;
  error: string | null;
}

async function pageLoad(browser: Browser, ui: Ui, traceId: string): Promise<LoadResult> {
  const context = await browser.newContext({ viewport: VIEWPORT });
  const errors: string[] = [];
  try {
    await context.addInitScript({ content: NAME_SHIM });
    await context.addInitScript(watchPanels, { selectors: [ui.row], mark: "bench:first-row" });
    const page = await context.newPage();
    page.on("pageerror", (e) => errors.push(e.message));
    const t0 = Date.now();
    await page.goto(`http://127.0.0.1:${ui.port}/trace/${traceId}`, { waitUntil: "commit", timeout: FIRST_ROW_TIMEOUT_MS });
    try {
      await page.locator(ui.row).first().waitFor({ state: "visible", timeout: FIRST_ROW_TIMEOUT_MS });
    } catch {
      return { firstRowMs: NaN, polledMs: NaN, clickMs: NaN, scrollP95: NaN, error: errors[0] ?? `no span row within ${FIRST_ROW_TIMEOUT_MS / 1000} s` };
    }
    const polledMs = Date.now() - t0;
    const painted = await page.waitForFunction(() => window.__sightlineBench?.paintedAt, undefined, { polling: "raf", timeout: 10_000 });
    const firstRowMs = (await painted.jsonValue()) as number;
    await page
      .locator(ui.click)
      .nth(1)
      .evaluate((el) => ((window as unknown as { __benchClickTarget: Element }).__benchClickTarget = el));
    const clickMs = await page.evaluate(clickAndWaitFor, { details: ui.details, lostAfterMs: 60_000 });
    const scroller = await ui.scroller(page);
    let scrollP95 = NaN;
    if (scroller) {
      const run = await (scroller as JSHandle<Element>).evaluate(scrollAndSampleFrames, SCROLL);
      scrollP95 = frameStats(run).p95;
    }
    return { firstRowMs, polledMs, clickMs, scrollP95, error: null };
  } finally {
    await context.close();
  }
}

interface Figures {
  firstRowMs: number;
  polledMs: number;
  clickMs: number;
  scrollP95: number;
  runs: number[];
  failed: number;
  error: string | null;
}

function summarize(loads: LoadResult[]): Figures {
  const ok = loads.filter((l) => l.error === null);
  return {
    firstRowMs: median(ok.map((l) => l.firstRowMs)),
    polledMs: median(ok.map((l) => l.polledMs)),
    clickMs: median(ok.map((l) => l.clickMs).filter(Number.isFinite)),
    scrollP95: median(ok.map((l) => l.scrollP95).filter(Number.isFinite)),
    runs: loads.map((l) => l.firstRowMs),
    failed: loads.length - ok.length,
    error: loads.find((l) => l.error !== null)?.error ?? null,
  };
}

async function main(): Promise<void> {
  if (!JAEGER_UI_DIR || !existsSync(path.join(JAEGER_UI_DIR, "index.html"))) {
    console.error(
      `bench:jaeger needs JAEGER_UI_DIR, the folder of Jaeger UI's static build (its index.html and static/)${JAEGER_UI_DIR ? `: ${JAEGER_UI_DIR} has no index.html` : ""}.\n` +
        "Build it with `bash scripts/build-jaeger-ui.sh /work/jaeger-ui`, then run\n" +
        "  JAEGER_UI_DIR=/work/jaeger-ui/packages/jaeger-ui/build npm run bench:jaeger",
    );
    process.exit(2);
  }
  console.log(`load average at start: ${load()}`);
  rmSync(DATA_DIR, { recursive: true, force: true });
  const jaegerTraces = new Map<string, Buffer>();
  const jaeger = await startJaegerServer(path.resolve(JAEGER_UI_DIR), JAEGER_PORT, jaegerTraces);
  const sightline = await startAppServer(SIGHTLINE_PORT, { DATA_DIR, RETENTION_DAYS: "36500" });
  const browser = await chromium.launch(CHROMIUM);
  const rows: string[] = [];
  try {
    for (const spans of [...BOTH, ...SIGHTLINE_ONLY]) {
      const both = BOTH.includes(spans) && !SIGHTLINE_ONLY.includes(spans);
      const trace = buildShapedTrace(spans, { logEvery: 100 });
      const t0 = performance.now();
      await ingestShapedTrace(sightline.url, trace);
      const ingestS = (performance.now() - t0) / 1000;
      let jaegerBytes = 0;
      if (both) {
        const json = jaegerTraceJson(trace);
        const zipped = gzipSync(json);
        jaegerBytes = zipped.length;
        jaegerTraces.set(trace.traceId, zipped);
        console.log(`${count(spans)} spans: Jaeger JSON ${(json.length / 2 ** 20).toFixed(1)} MB, ${(zipped.length / 2 ** 20).toFixed(1)} MB gzipped`);
      }
      // One unmeasured load each: the servers' first reads are not what is compared.
      const warm = await pageLoad(browser, SIGHTLINE, trace.traceId);
      if (both) await pageLoad(browser, JAEGER, trace.traceId);
      const j: LoadResult[] = [];
      const s: LoadResult[] = [];
      for (let i = 0; i < REPS; i++) {
        if (both) j.push(await pageLoad(browser, JAEGER, trace.traceId));
        s.push(await pageLoad(browser, SIGHTLINE, trace.traceId));
      }
      const sf = summarize(s);
      const jf = both ? summarize(j) : null;
      console.log(
        `${count(spans)} spans (ingested in ${ingestS.toFixed(1)} s; Sightline's first load ${ms(warm.firstRowMs)} ms): ` +
          (jf ? `Jaeger ${jf.runs.map(ms).join(" / ")} ms${jf.failed ? ` (${jf.failed} failed: ${jf.error})` : ""}; ` : "") +
          `Sightline ${sf.runs.map(ms).join(" / ")} ms${sf.failed ? ` (${sf.failed} failed: ${sf.error})` : ""}; ` +
          `polled ${jf ? `${ms(jf.polledMs)} / ` : ""}${ms(sf.polledMs)} ms; load average ${load()}`,
      );
      const ratio = jf && Number.isFinite(jf.firstRowMs) ? sf.firstRowMs / jf.firstRowMs : NaN;
      const verdict = Number.isFinite(ratio) ? `${ratio.toFixed(2)} (${ratio <= TARGET ? "met" : "missed"})` : "—";
      const polled =
        jf && Number.isFinite(jf.polledMs)
          ? `${ms(jf.polledMs)} / ${ms(sf.polledMs)} ms (${(sf.polledMs / jf.polledMs).toFixed(2)})`
          : `— / ${ms(sf.polledMs)} ms`;
      const row =
        `| ${count(spans)} | ${jf ? (Number.isFinite(jf.firstRowMs) ? `${ms(jf.firstRowMs)} ms` : `failed: ${jf.error}`) : "—"} | ${ms(sf.firstRowMs)} ms | ${verdict} | ${polled} | ` +
        `${jf ? ms(jf.clickMs) : "—"} / ${ms(sf.clickMs)} ms | ${jf ? ms(jf.scrollP95) : "—"} / ${ms(sf.scrollP95)} ms | ${jaegerBytes ? `${(jaegerBytes / 2 ** 20).toFixed(1)} MB` : "—"} | ${load()} |`;
      // Printed as soon as the size is done: a run stopped early keeps the sizes it finished.
      console.log(`   row: ${row}`);
      rows.push(row);
    }
    console.log(
      `\n| spans | Jaeger UI | Sightline | Sightline ÷ Jaeger (target ≤ ${TARGET}) | polled by Playwright, Jaeger / Sightline | click → details, Jaeger / Sightline | scroll frame p95, Jaeger / Sightline | Jaeger's trace, gzipped | load average after |`,
    );
    console.log("| ---: | ---: | ---: | --- | --- | --- | --- | ---: | --- |");
    for (const r of rows) console.log(r);
  } finally {
    await browser.close();
    jaeger.close();
    sightline.process.kill("SIGTERM");
    await waitForExit(sightline.process);
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
