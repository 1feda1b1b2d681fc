/**
 * npx tsx bench/ui-profile.ts — where the trace page's time goes: the breakdown behind the figures
 * of `npm run bench:ui`. For each size (BENCH_UI_PROFILE_SPANS, default 10000,100000):
 *  1. the page's own data phases re-run in Node on the API's answers, timed one by one (JSON.parse,
 *     analyzeTrace, the Gantt rows, the log index, the service graph and its two ELK layouts);
 *  2. one cold page load (fresh context) in Chromium under a performance trace with V8 sampling:
 *     the main thread between the trace response and the render, by trace event and by script;
 *  3. a second load in the same context (scripts cached) for comparison.
 * Prints figures; asserts nothing. Changes nothing in the app. Needs a current build (run
 * `bash scripts/ensure-build.sh` first): it reads the minified chunks in .next/ to name functions.
 */
import { readFileSync, rmSync } from "node:fs";
import path from "node:path";
import type { Browser, BrowserContext } from "@playwright/test";
import ELK from "elkjs/lib/elk.bundled.js";
import type { AppServer } from "../e2e/support/app-server";
import { analyzeTrace } from "../components/trace-page/trace-analysis";
import { resolveLogSpans } from "../lib/analysis/log-span-index";
import { buildServiceGraph } from "../lib/analysis/service-graph";
import { layoutServiceMap } from "../lib/analysis/service-map-elk";
import { aspectStep } from "../lib/analysis/service-map-viewport";
import { visibleRows } from "../lib/analysis/visible-rows";
import { indexLogs, matchLogs, withinRange, zoomWindow } from "../lib/client/log-filter";
import type { LogsResult, Trace } from "../lib/model";
import { NAME_SHIM, PANEL_SELECTORS, readTimings, RENDERED_MARK, watchPanels, type PageTimings } from "./ui-page";
import { count, ingestTrace, mb, ms, selfTimes, VIEWPORT, withAppAndBrowser, type IngestedTrace, type TimedEvent } from "./ui-support";

const PORT = 3197;
const SIZES = (process.env.BENCH_UI_PROFILE_SPANS ?? "10000,100000").split(",").map(Number);
const DATA_DIR = path.resolve(__dirname, "results/ui-profile-data");
const CHUNKS_DIR = path.resolve(__dirname, "../.next/static/chunks");
const CATEGORIES = [
  "devtools.timeline",
  "disabled-by-default-devtools.timeline",
  "blink.user_timing",
  "v8",
  "v8.execute",
  "disabled-by-default-v8.cpu_profiler",
  "toplevel",
];
/** The map panel at 1440×900: 28 % of the width, the page's height under the header. */
const MAP_PANEL = { width: 0.28 * VIEWPORT.width, height: VIEWPORT.height - 110 };

// ---- 1. The page's phases in Node ----

async function nodePhases(data: IngestedTrace): Promise<void> {
  const out: [string, number][] = [];
  const time = <T>(label: string, f: () => T): T => {
    const t = performance.now();
    const r = f();
    out.push([label, performance.now() - t]);
    return r;
  };
  const timeAsync = async <T>(label: string, f: () => Promise<T>): Promise<T> => {
    const t = performance.now();
    const r = await f();
    out.push([label, performance.now() - t]);
    return r;
  };
  const trace = time(`JSON.parse trace (${mb(Buffer.byteLength(data.traceText))})`, () => (JSON.parse(data.traceText) as { trace: Trace }).trace);
  const analysis = time("analyzeTrace (span tree, critical path, self time, skew, stats)", () => analyzeTrace(trace));
  time("visibleRows (Gantt rows)", () => visibleRows(analysis.rows, null, new Set()));
  const logs = time(`JSON.parse logs (${mb(Buffer.byteLength(data.logsText))})`, () => JSON.parse(data.logsText) as LogsResult);
  time("resolveLogSpans (log markers on the Gantt rows)", () => resolveLogSpans(logs.events, trace.spans));
  const index = time("indexLogs (sort, resolveLogSpans again, search text)", () => indexLogs(logs.events, trace.spans));
  const matched = time("matchLogs + withinRange", () => matchLogs(index, trace.spans, null, ""));
  withinRange(logs.events, matched, zoomWindow({ from: trace.startTime, to: trace.endTime }, trace));
  const graph = time("buildServiceGraph", () => buildServiceGraph(trace.spans));
  const aspect = aspectStep(MAP_PANEL);
  const elk = time("new ELK()", () => new ELK());
  await timeAsync(`layoutServiceMap, first call (${graph.nodes.length} nodes, ${graph.edges.length} edges; RIGHT + DOWN)`, () =>
    layoutServiceMap(elk, graph, aspect),
  );
  await timeAsync("layoutServiceMap, second call", () => layoutServiceMap(elk, graph, aspect));
  console.log(`  Node ${process.version}, the page's phases on the API's answers:`);
  for (const [label, t] of out) console.log(`    ${ms(t).padStart(7)} ms  ${label}`);
}

// ---- 2. The cold page load under a Chromium trace ----

interface TraceEvent extends TimedEvent {
  cat: string;
  id?: string;
  args?: { name?: string; data?: ProfileData };
}

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber?: number;
  columnNumber?: number;
}

interface ProfileData {
  startTime?: number;
  cpuProfile?: { nodes?: { id: number; parent?: number; callFrame: CallFrame }[]; samples?: number[] };
  timeDeltas?: number[];
}

interface Sample {
  ts: number;
  /** Leaf first. */
  stack: CallFrame[];
  weight: number;
}

/** The V8 samples of one thread's profile in the trace (ProfileChunk events), with their stacks. */
function samplesOf(events: TraceEvent[], pid: number, tid: number): Sample[] {
  const profiles = events.filter((e) => e.name === "Profile" && e.pid === pid);
  const profile = profiles.find((e) => e.tid === tid) ?? profiles[0];
  if (!profile?.id) return [];
  const nodes = new Map<number, { parent?: number; callFrame: CallFrame }>();
  const raw: { ts: number; node: number }[] = [];
  let t = profile.args?.data?.startTime ?? profile.ts;
  for (const chunk of events.filter((e) => e.name === "ProfileChunk" && e.pid === pid && e.id === profile.id)) {
    const data = chunk.args?.data;
    for (const n of data?.cpuProfile?.nodes ?? []) nodes.set(n.id, { parent: n.parent, callFrame: n.callFrame });
    const samples = data?.cpuProfile?.samples ?? [];
    const deltas = data?.timeDeltas ?? [];
    for (let i = 0; i < samples.length; i++) {
      t += deltas[i] ?? 0;
      raw.push({ ts: t, node: samples[i] });
    }
  }
  return raw.map((s, i) => {
    const stack: CallFrame[] = [];
    for (let n: number | undefined = s.node; n !== undefined; n = nodes.get(n)?.parent) {
      const node = nodes.get(n);
      if (!node) break;
      stack.push(node.callFrame);
    }
    const next = raw[i + 1]?.ts ?? s.ts;
    return { ts: s.ts, stack, weight: Math.max(0, next - s.ts) };
  });
}

const chunkName = (url: string) => (url ? url.replace(/^.*\/_next\/static\/chunks\//, "chunks/").replace(/^https?:\/\/[^/]+/, "") : "(native)");
const frameKey = (f: CallFrame) => `${f.functionName || "(anonymous)"} ${chunkName(f.url)}:${(f.lineNumber ?? 0) + 1}:${(f.columnNumber ?? 0) + 1}`;

const chunkSources = new Map<string, string[]>();
/** The minified source at a frame's position: enough to tell which app function it is. */
function snippet(f: CallFrame): string {
  const m = /\/_next\/static\/chunks\/([^?#]+)/.exec(f.url);
  if (!m) return "";
  let lines = chunkSources.get(m[1]);
  if (!lines) {
    try {
      lines = readFileSync(path.join(CHUNKS_DIR, m[1]), "utf8").split("\n");
    } catch {
      lines = [];
    }
    chunkSources.set(m[1], lines);
  }
  const line = lines[f.lineNumber ?? 0] ?? "";
  return line.slice(f.columnNumber ?? 0, (f.columnNumber ?? 0) + 110).replace(/\s+/g, " ");
}

function top<K>(m: Map<K, number>, n: number): [K, number][] {
  return [...m].sort((a, b) => b[1] - a[1]).slice(0, n);
}

async function load(browser: Browser, server: AppServer, traceId: string, traced: boolean, reuse?: BrowserContext) {
  const context = reuse ?? (await browser.newContext({ viewport: VIEWPORT }));
  if (!reuse) {
    await context.addInitScript({ content: NAME_SHIM });
    await context.addInitScript(watchPanels, { selectors: PANEL_SELECTORS, mark: RENDERED_MARK });
  }
  const page = await context.newPage();
  if (traced) await browser.startTracing(page, { categories: CATEGORIES });
  await page.goto(`${server.url}/trace/${traceId}`, { waitUntil: "commit" });
  await page.waitForFunction(() => window.__sightlineBench?.renderedAt != null || window.__sightlineBench?.error != null, undefined, {
    timeout: 90_000,
    polling: 100,
  });
  await page.waitForTimeout(300);
  const buffer = traced ? await browser.stopTracing() : null;
  const timings = await page.evaluate(readTimings, traceId);
  await page.close();
  return { context, timings, events: buffer ? (JSON.parse(buffer.toString("utf8")) as { traceEvents: TraceEvent[] }).traceEvents : [] };
}

function describeLoad(label: string, t: PageTimings): void {
  const f = (sel: string) => ms(t.marks.firstVisible[sel] ?? NaN);
  const dataAt = t.trace?.responseEnd ?? NaN;
  console.log(
    `  ${label}: rendered ${ms(t.marks.renderedAt ?? NaN)} ms (${ms((t.marks.renderedAt ?? NaN) - dataAt)} ms after the trace data); ` +
      `trace fetch ${ms(t.trace?.startTime ?? NaN)} → ${ms(dataAt)} ms, logs → ${ms(t.logs?.responseEnd ?? NaN)} ms; ` +
      `first span-row ${f(PANEL_SELECTORS[0])}, log-row ${f(PANEL_SELECTORS[1])}, map-node ${f(PANEL_SELECTORS[2])} ms`,
  );
}

function breakdown(events: TraceEvent[], t: PageTimings): void {
  const mark = events.find((e) => e.name === RENDERED_MARK);
  if (!mark || t.marks.renderedAt === null || !t.trace) {
    console.log("  (no render mark in the trace: no breakdown)");
    return;
  }
  const offset = mark.ts - t.marks.renderedAt * 1000;
  const toTs = (pageMs: number) => offset + pageMs * 1000;
  const pid = mark.pid;
  const main = events.find((e) => e.ph === "M" && e.name === "thread_name" && e.pid === pid && e.args?.name === "CrRendererMain")?.tid ?? mark.tid;
  const windows: [string, number, number][] = [
    ["trace data → first span-row", t.trace.responseEnd, t.marks.firstVisible[PANEL_SELECTORS[0]] ?? t.marks.renderedAt],
    ["trace data → render (all three panels)", t.trace.responseEnd, t.marks.renderedAt],
  ];
  const samples = samplesOf(events, pid, main);
  for (const [label, fromMs, toMs] of windows) {
    const from = toTs(fromMs);
    const to = toTs(toMs);
    const wall = (to - from) / 1000;
    console.log(`  ${label}: ${ms(wall)} ms of wall time on the renderer's main thread`);
    const byEvent = selfTimes(events, pid, main, from, to);
    const busy = [...byEvent.values()].reduce((a, b) => a + b, 0) / 1000;
    console.log(
      `    trace events, self time (busy ${ms(busy)} ms, idle ${ms(Math.max(0, wall - busy))} ms): ${top(byEvent, 12)
        .map(([n, v]) => `${n} ${ms(v / 1000)}`)
        .join(", ")}`,
    );
    const inWindow = samples.filter((s) => s.ts >= from && s.ts < to);
    if (inWindow.length === 0) {
      console.log("    (no V8 samples in this window)");
      continue;
    }
    const byScript = new Map<string, number>();
    const selfByFn = new Map<string, number>();
    const inclusive = new Map<string, number>();
    const frames = new Map<string, CallFrame>();
    for (const s of inWindow) {
      const leaf = s.stack[0];
      const script = !leaf ? "(unknown)" : leaf.url ? chunkName(leaf.url) : leaf.functionName || "(native)";
      byScript.set(script, (byScript.get(script) ?? 0) + s.weight);
      if (leaf) selfByFn.set(frameKey(leaf), (selfByFn.get(frameKey(leaf)) ?? 0) + s.weight);
      for (const key of new Set(s.stack.filter((f) => f.url).map((f) => (frames.set(frameKey(f), f), frameKey(f)))))
        inclusive.set(key, (inclusive.get(key) ?? 0) + s.weight);
    }
    console.log(
      `    V8 samples by leaf script: ${top(byScript, 8)
        .map(([n, v]) => `${n} ${ms(v / 1000)}`)
        .join(", ")}`,
    );
    console.log(
      `    self time by function: ${top(selfByFn, 8)
        .map(([n, v]) => `${n} ${ms(v / 1000)}`)
        .join("; ")}`,
    );
    console.log("    inclusive time by function (with the minified source at its position):");
    for (const [key, v] of top(inclusive, 16))
      console.log(`      ${ms(v / 1000).padStart(7)} ms  ${key}  ${snippet(frames.get(key) ?? { functionName: "", url: "" })}`);
  }
}

async function main() {
  rmSync(DATA_DIR, { recursive: true, force: true });
  await withAppAndBrowser(PORT, DATA_DIR, async (server, browser) => {
    for (const spans of SIZES) {
      const data = await ingestTrace(server, spans);
      console.log(
        `\n${count(spans)} spans (+${count(spans)} log lines): GET /api/traces/{id} ${ms(data.apiTraceMs)} ms, …/logs ${ms(data.apiLogsMs)} ms from Node`,
      );
      await nodePhases(data);
      // An unmeasured load first, so the server side is as warm as in bench:ui.
      await (await load(browser, server, data.traceId, false)).context.close();
      const cold = await load(browser, server, data.traceId, true);
      describeLoad("cold load (fresh context, traced)", cold.timings);
      breakdown(cold.events, cold.timings);
      const warm = await load(browser, server, data.traceId, false, cold.context);
      describeLoad("second load, same context (scripts cached, not traced)", warm.timings);
      await cold.context.close();
    }
  });
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
