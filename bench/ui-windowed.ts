/**
 * npm run bench:ui (last part) — traces of issue 14's shape (8 services, fan-out 2–8, 6 attributes
 * a span; e2e/support/shaped-trace.ts) of 10,000, 100,000 and 1,000,000 spans, one log line per
 * 100 spans, in Debian's Chromium at 1440×900 against the production server: navigation → first
 * span row visible, on the server's first load of the trace right after its ingest (cold: the
 * outline the builder laid out while the spans arrived, said with how much it covers and when the
 * whole trace's replaced it; or, when none is stored, the page's own read and build) and on three later loads (warm; median), the Gantt's scroll frames (p50/p95/max,
 * long tasks, frames with a grey placeholder row on screen) and the JS heap (CDP), each with the
 * machine's load average. Above TRACE_WINDOW_FROM_SPANS (1,000) the page is the windowed view;
 * the issue's targets: the 1,000,000-span trace's first rows within 1.5× the 10,000-span one's, and
 * a scroll frame p95 of one frame (16.7 ms).
 *
 *   BENCH_WINDOWED_SIZES=100000        the sizes ("" skips this part)
 *   BENCH_WINDOWED_REPS=5              warm loads per size (3)
 *   BENCH_WINDOWED_BUILD=<folder>      the build measured (an assembled standalone folder; default
 *                                      this checkout's .next/standalone)
 *   BENCH_WINDOWED_BASELINE=<folder>   A/B: another assembled build (scripts/build-standalone.sh
 *                                      --no-build --out <folder>) on the next port, loaded
 *                                      alternately with this one in the same run
 *   BENCH_WINDOWED_TRACE=1             a Chrome performance trace of one scroll per build: where
 *                                      the main thread's time went (script, style, layout, paint, GC)
 *   BENCH_WINDOWED_PROFILE=1           a V8 CPU profile of one scroll per build: the functions with the
 *                                      most self time (minified names, with their chunk and column)
 *   E2E_PORT_OFFSET                    shifts the port (3195) as for the journeys
 *
 * Asserts nothing.
 */
import { rmSync } from "node:fs";
import { loadavg } from "node:os";
import path from "node:path";
import { chromium, type Browser } from "@playwright/test";
import { startAppServer, waitForExit, type AppServer } from "../e2e/support/app-server";
import { buildShapedTrace, ingestShapedTrace, type ShapedTrace } from "../e2e/support/shaped-trace";
import { NAME_SHIM, scrollAndSampleFrames } from "./ui-page";
import { cdpHeapBytes, CHROMIUM, count, frameStats, mb, median, ms, VIEWPORT } from "./ui-support";

const PORT = 3195 + (Number(process.env.E2E_PORT_OFFSET ?? 0) || 0);
const SIZES = (process.env.BENCH_WINDOWED_SIZES ?? "10000,100000,1000000")
  .split(",")
  .filter((s) => s.trim() !== "")
  .map(Number);
const WARM_REPS = Number(process.env.BENCH_WINDOWED_REPS ?? 3);
const BUILD = process.env.BENCH_WINDOWED_BUILD;
const BASELINE = process.env.BENCH_WINDOWED_BASELINE;
const TRACE = process.env.BENCH_WINDOWED_TRACE === "1";
const PROFILE = process.env.BENCH_WINDOWED_PROFILE === "1";
const RESULTS = path.resolve(__dirname, "results");
const SCROLL = { durationMs: 3000, stepPx: 120 };

interface Load {
  firstRowMs: number;
  /** When the first rows came from an outline laid out while the trace was still arriving: "N of M" spans laid out. */
  partial?: string;
  /** Then: navigation → the page showing the whole trace's outline. */
  wholeMs?: number;
  heapBytes: number;
  p50: number;
  p95: number;
  max: number;
  longTasks: number;
  longTaskMs: number;
  /** Frames (of all sampled) in which a grey placeholder row was on screen. */
  pendingFrames: number;
  frames: number;
  /** The one-minute load average when the scroll ended. */
  load: number;
  /** Main-thread time by kind during the scroll (BENCH_WINDOWED_TRACE). */
  breakdown?: Record<string, number>;
  /** The functions with the most self time during the scroll (BENCH_WINDOWED_PROFILE). */
  hot?: string[];
}

interface Build {
  name: string;
  server: AppServer;
  dataDir: string;
}

/** Counts, every animation frame until stopped, the frames with a placeholder row inside the list's box. */
function watchPlaceholders(el: Element): void {
  const w = window as unknown as { __pending: { frames: number; pending: number; stop: boolean } };
  w.__pending = { frames: 0, pending: 0, stop: false };
  const tick = (): void => {
    if (w.__pending.stop) return;
    const box = el.getBoundingClientRect();
    w.__pending.frames++;
    for (const p of el.querySelectorAll('[data-testid="span-row-pending"]')) {
      const r = p.getBoundingClientRect();
      if (r.bottom > box.top && r.top < box.bottom) {
        w.__pending.pending++;
        break;
      }
    }
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
}

function stopPlaceholders(): { frames: number; pending: number } {
  const w = window as unknown as { __pending: { frames: number; pending: number; stop: boolean } };
  w.__pending.stop = true;
  return { frames: w.__pending.frames, pending: w.__pending.pending };
}

type TraceEvent = { name: string; ph: string; ts: number; dur?: number; pid: number; tid: number; args?: { name?: string } };

const KINDS: Record<string, string[]> = {
  script: ["FunctionCall", "EventDispatch", "TimerFire", "FireAnimationFrame", "RunMicrotasks", "v8.callFunction", "V8.Execute"],
  style: ["UpdateLayoutTree", "RecalculateStyles"],
  layout: ["Layout"],
  paint: ["PrePaint", "Paint", "Layerize", "Commit", "UpdateLayer", "PaintImage"],
  gc: ["MinorGC", "MajorGC", "V8.GC_SCAVENGER", "V8.GC_MARK_COMPACTOR"],
  tasks: ["RunTask", "ThreadControllerImpl::RunTask"],
};

/** Main-thread milliseconds by kind (intervals of one kind merged, so nested events count once). */
function breakdownOf(events: TraceEvent[]): Record<string, number> {
  const main = events.find((e) => e.ph === "M" && e.name === "thread_name" && e.args?.name === "CrRendererMain");
  const onMain = events.filter((e) => e.ph === "X" && main && e.pid === main.pid && e.tid === main.tid && e.dur !== undefined);
  const out: Record<string, number> = {};
  for (const [kind, names] of Object.entries(KINDS)) {
    const spans = onMain.filter((e) => names.includes(e.name)).map((e) => [e.ts, e.ts + e.dur!] as const);
    spans.sort((a, b) => a[0] - b[0]);
    let total = 0;
    let end = -Infinity;
    for (const [s, e] of spans) {
      if (e <= end) continue;
      total += e - Math.max(s, end);
      end = e;
    }
    out[kind] = total / 1000;
  }
  return out;
}

interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number } }[];
  samples: number[];
  timeDeltas: number[];
}

/** Self time by function (ms), the most first. */
function hottest(profile: CpuProfile, n: number): string[] {
  const byNode = new Map(profile.nodes.map((node) => [node.id, node]));
  const self = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const f = byNode.get(id)!.callFrame;
    const key = `${f.functionName || "(anonymous)"} ${f.url.split("/").pop()}:${f.lineNumber + 1}:${f.columnNumber + 1}`;
    self.set(key, (self.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
  });
  return [...self.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([k, v]) => `${ms(v)} ms ${k}`);
}

async function ingest(server: AppServer, trace: ShapedTrace): Promise<number> {
  const t0 = performance.now();
  await ingestShapedTrace(server.url, trace);
  return (performance.now() - t0) / 1000;
}

async function load(browser: Browser, server: AppServer, traceId: string, scroll: boolean, trace = false, profile = false): Promise<Load> {
  const context = await browser.newContext({ viewport: VIEWPORT });
  try {
    // tsx's compiled functions name themselves through __name, which the page lacks.
    await context.addInitScript({ content: NAME_SHIM });
    const page = await context.newPage();
    const t0 = Date.now();
    await page.goto(`${server.url}/trace/${traceId}`, { waitUntil: "commit", timeout: 600_000 });
    await page.getByTestId("span-row").first().waitFor({ state: "visible", timeout: 600_000 });
    const firstRowMs = Date.now() - t0;
    const note = page.getByTestId("partial-outline");
    const partial = (await note.count()) > 0 ? /([\d,]+ of [\d,]+)/.exec((await note.textContent()) ?? "")?.[1] : undefined;
    let wholeMs: number | undefined;
    if (partial) {
      await note.waitFor({ state: "detached", timeout: 600_000 });
      wholeMs = Date.now() - t0;
    }
    const out: Load = {
      firstRowMs,
      partial,
      wholeMs,
      heapBytes: 0,
      p50: NaN,
      p95: NaN,
      max: NaN,
      longTasks: NaN,
      longTaskMs: NaN,
      pendingFrames: NaN,
      frames: NaN,
      load: NaN,
    };
    if (scroll) {
      const grid = page.getByRole("grid", { name: "Spans" });
      // Settled: the page's own fetches done, as a reader would start scrolling.
      await page.waitForLoadState("networkidle", { timeout: 60_000 }).catch(() => undefined);
      if (trace) await browser.startTracing(page, { categories: ["devtools.timeline", "disabled-by-default-devtools.timeline", "v8"] });
      const profiler = profile ? await context.newCDPSession(page) : null;
      if (profiler) {
        await profiler.send("Profiler.enable");
        await profiler.send("Profiler.setSamplingInterval", { interval: 200 });
        await profiler.send("Profiler.start");
      }
      await grid.evaluate(watchPlaceholders);
      const run = await grid.evaluate(scrollAndSampleFrames, SCROLL, { timeout: SCROLL.durationMs + 30_000 });
      const placeholders = await page.evaluate(stopPlaceholders);
      if (profiler) {
        out.hot = hottest((await profiler.send("Profiler.stop")).profile as CpuProfile, 15);
        await profiler.detach();
      }
      if (trace) {
        const buf = await browser.stopTracing();
        out.breakdown = breakdownOf((JSON.parse(buf.toString("utf8")) as { traceEvents: TraceEvent[] }).traceEvents);
      }
      const { p50, p95, max, longTasks, longTaskMs } = frameStats(run);
      Object.assign(out, {
        p50,
        p95,
        max,
        longTasks,
        longTaskMs,
        pendingFrames: placeholders.pending,
        frames: placeholders.frames,
        load: loadavg()[0],
      });
    }
    out.heapBytes = await cdpHeapBytes(context, page);
    return out;
  } finally {
    await context.close();
  }
}

/** ", from an outline of N of M spans laid out (whole at T ms)" for a first load served from a partial outline. */
const partialOf = (l: Load) => (l.partial ? `, from an outline of ${l.partial} spans laid out (the whole trace's at ${ms(l.wholeMs ?? NaN)} ms)` : "");

function row(spans: number, build: string, cold: Load, warm: Load[]): string {
  const m = (f: (w: Load) => number) => median(warm.map(f));
  return `| ${count(spans)} | ${build} | ${spans > 1_000 ? "windowed" : "whole"} | ${ms(cold.firstRowMs)} ms${partialOf(cold)} | ${ms(m((w) => w.firstRowMs))} ms | ${ms(m((w) => w.p50))} / ${ms(m((w) => w.p95))} / ${ms(m((w) => w.max))} ms | ${m((w) => w.longTasks)} (${ms(m((w) => w.longTaskMs))} ms) | ${m((w) => w.pendingFrames)} of ${m((w) => w.frames)} | ${mb(m((w) => w.heapBytes))} | ${warm.map((w) => w.load.toFixed(1)).join(", ")} |`;
}

async function main(): Promise<void> {
  if (SIZES.length === 0) return;
  const specs = [{ name: BASELINE ? "this build" : "", serverJs: BUILD ? path.resolve(BUILD, "server.js") : undefined }];
  if (BASELINE) specs.push({ name: "baseline", serverJs: path.resolve(BASELINE, "server.js") });
  const builds: Build[] = [];
  const browser = await chromium.launch(CHROMIUM);
  const rows: string[] = [];
  try {
    for (const [i, spec] of specs.entries()) {
      const dataDir = path.join(RESULTS, `ui-windowed-data${i === 0 ? "" : `-${i}`}`);
      rmSync(dataDir, { recursive: true, force: true });
      builds.push({
        name: spec.name,
        dataDir,
        server: await startAppServer(PORT + i, { DATA_DIR: dataDir, RETENTION_DAYS: "36500" }, "127.0.0.1", spec.serverJs),
      });
    }
    for (const spans of SIZES) {
      const trace = buildShapedTrace(spans, { logEvery: 100 });
      const cold: Load[] = [];
      for (const b of builds) {
        const seconds = await ingest(b.server, trace);
        cold.push(await load(browser, b.server, trace.traceId, false));
        // What the outline builder stored meanwhile (it lays out a trace while spans still arrive, TRACE_GROWING_FROM_SPANS).
        for (const line of b.server.output().split("\n")) {
          const m = /"spans":(\d+),"ms":(\d+)[^}]*"msg":"trace outline stored"/.exec(line);
          if (m && line.includes(trace.traceId))
            console.log(
              `  outline of ${count(Number(m[1]))} spans stored (${ms(Number(m[2]))} ms to build and store)${line.includes('"by"') ? " by the first load" : ""}`,
            );
        }
        console.log(
          `${count(spans)} spans${b.name ? ` (${b.name})` : ""}: ingested in ${seconds.toFixed(1)} s, first row cold ${ms(cold[cold.length - 1].firstRowMs)} ms${partialOf(cold[cold.length - 1])}`,
        );
      }
      // Alternating between the builds, so both see the same background load.
      const warm: Load[][] = builds.map(() => []);
      for (let r = 0; r < WARM_REPS; r++) {
        for (const [i, b] of builds.entries()) {
          const l = await load(browser, b.server, trace.traceId, true, TRACE && r === 0, PROFILE && r === 0);
          warm[i].push(l);
          console.log(
            `  ${b.name || "load"} ${r + 1}: first row ${ms(l.firstRowMs)} ms, scroll p50/p95/max ${ms(l.p50)} / ${ms(l.p95)} / ${ms(l.max)} ms, ${l.longTasks} long tasks (${ms(l.longTaskMs)} ms), placeholder on screen in ${l.pendingFrames} of ${l.frames} frames, load ${l.load.toFixed(1)}`,
          );
          for (const h of l.hot ?? []) console.log(`    ${h}`);
          if (l.breakdown)
            console.log(
              `    main thread while scrolling (ms): ${Object.entries(l.breakdown)
                .map(([k, v]) => `${k} ${ms(v)}`)
                .join(", ")}`,
            );
        }
      }
      for (const [i, b] of builds.entries()) rows.push(row(spans, b.name || "—", cold[i], warm[i]));
    }
    console.log(
      `\n| spans | build | view | first row, server's first load | first row, later loads (median of ${WARM_REPS}) | scroll frame p50 / p95 / max | long tasks (time) | frames with a placeholder on screen | JS heap | load average (1 min) |`,
    );
    console.log("| ---: | --- | --- | ---: | ---: | --- | --- | --- | ---: | --- |");
    for (const r of rows) console.log(r);
  } finally {
    await browser.close();
    for (const b of builds) {
      b.server.process.kill("SIGTERM");
      await waitForExit(b.server.process);
      rmSync(b.dataDir, { recursive: true, force: true });
    }
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
