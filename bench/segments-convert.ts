/**
 * Figure 3 of bench:aws, and runnable on its own (`npx tsx bench/segments-convert.ts`, in-process,
 * no build or servers): segmentsToTrace on a BatchGetTraces answer of 5,000 segment documents
 * (bench/aws-segments.ts), as JSON strings and already parsed; median of 10 runs after 3 warm-ups.
 * Also what is left on the critical path when the answer comes in pages (PAGE documents each) and
 * each page is converted while the next one is on its way (aws-trace-fetch.ts): the last page's
 * conversion and `finish`.
 *
 * The server runs with V8's default young generation (scripts/start.sh, the Dockerfile), as this
 * does unless NODE_OPTIONS sets `--max-semi-space-size` (the first line printed says which young
 * generation the figures had).
 *
 * The target is read on the code as the server runs it: one bundle (measureConversionBundled). The
 * same figure as tsx runs the sources is printed beside it.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { buildSync } from "esbuild";
import { segmentsToTrace, TraceConversion } from "../lib/sources/aws/segments-to-spans";
import { buildLargeXRayTrace } from "./aws-segments";

export const SEGMENTS = 5000;
export const CONVERT_WARMUPS = 3;
export const CONVERT_RUNS = 10;
export const CONVERT_TARGET_MS = 100;
/** Documents per BatchGetTraces page in the paged figure (X-Ray does not document its page size). */
export const PAGE = 100;

export const median = (xs: readonly number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
export const ms = (x: number) => (Number.isFinite(x) ? (x >= 100 ? Math.round(x).toString() : x.toFixed(1)) : "n/a");
export const verdict = (ok: boolean) => (ok ? "met" : "missed");

export interface ConvertFigure {
  documents: number;
  spans: number;
  expectedSpans: number;
  bytes: number;
  coldMs: number;
  medianMs: number;
  runs: number[];
  parsedMedianMs: number;
  /** JSON.parse of every document alone: the rest of `medianMs`. */
  parseMedianMs: number;
  /** Paged answer: the last page's conversion and finish, after the earlier pages were converted. */
  lastPageMedianMs: number;
  /** Paged answer: every page's conversion and finish, summed (work that overlaps the network). */
  pagedTotalMedianMs: number;
}

export function measureConversion(): ConvertFigure {
  const { xrayTraceId, documents, entries } = buildLargeXRayTrace(SEGMENTS);
  const time = (docs: readonly unknown[]) => {
    const t = performance.now();
    const { trace } = segmentsToTrace(xrayTraceId, docs);
    return { ms: performance.now() - t, spans: trace.spans.length };
  };
  const cold = time(documents);
  for (let i = 1; i < CONVERT_WARMUPS; i++) time(documents);
  const runs = Array.from({ length: CONVERT_RUNS }, () => time(documents).ms);
  // The same documents already parsed: the conversion's share without JSON.parse.
  const parsed = documents.map((d) => JSON.parse(d) as unknown);
  for (let i = 0; i < CONVERT_WARMUPS; i++) time(parsed);
  const parsedRuns = Array.from({ length: CONVERT_RUNS }, () => time(parsed).ms);
  const parse = () => {
    const t = performance.now();
    for (const d of documents) JSON.parse(d);
    return performance.now() - t;
  };
  for (let i = 0; i < CONVERT_WARMUPS; i++) parse();
  const parseRuns = Array.from({ length: CONVERT_RUNS }, parse);
  const paged = () => {
    const conversion = new TraceConversion(xrayTraceId);
    let t = performance.now();
    for (let i = 0; i + PAGE < documents.length; i += PAGE) conversion.add(documents.slice(i, i + PAGE));
    const earlier = performance.now() - t;
    t = performance.now();
    conversion.add(documents.slice(Math.floor((documents.length - 1) / PAGE) * PAGE));
    conversion.finish();
    const last = performance.now() - t;
    return { last, total: earlier + last };
  };
  for (let i = 0; i < CONVERT_WARMUPS; i++) paged();
  const pagedRuns = Array.from({ length: CONVERT_RUNS }, paged);
  return {
    documents: documents.length,
    spans: cold.spans,
    expectedSpans: entries,
    bytes: documents.reduce((n, d) => n + Buffer.byteLength(d), 0),
    coldMs: cold.ms,
    medianMs: median(runs),
    runs,
    parsedMedianMs: median(parsedRuns),
    parseMedianMs: median(parseRuns),
    lastPageMedianMs: median(pagedRuns.map((r) => r.last)),
    pagedTotalMedianMs: median(pagedRuns.map((r) => r.total)),
  };
}

/**
 * measureConversion on the code as the server runs it. The server's build (Turbopack) is one bundle
 * whose modules bind their exported functions as read-only values, called directly. tsx, which runs
 * the benches, compiles each source file to CommonJS on its own and reads every imported function
 * through a getter, at every call: in a CPU profile of this conversion under tsx the getters of
 * json-value.ts alone were 6.5 % of the time. So this file is bundled with esbuild (imports become
 * direct calls, as in the server's build) and measured in a child process of its own.
 */
export function measureConversionBundled(): ConvertFigure {
  const dir = mkdtempSync(path.join(os.tmpdir(), "segments-convert-"));
  try {
    const file = path.join(dir, "segments-convert.cjs");
    buildSync({ entryPoints: [__filename], bundle: true, platform: "node", format: "cjs", outfile: file, logLevel: "error" });
    const out = execFileSync(process.execPath, [file], { env: { ...process.env, [JSON_ONLY]: "1" }, encoding: "utf8", maxBuffer: 1 << 20 });
    return JSON.parse(out) as ConvertFigure;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Set in the bundled child: print the figure as JSON and nothing else. */
const JSON_ONLY = "SEGMENTS_CONVERT_JSON";

/** The --max-semi-space-size this process runs with, if any (the server runs with V8's default). */
function semiSpace(): string {
  const flags = [...process.execArgv, ...(process.env.NODE_OPTIONS ?? "").split(/\s+/)];
  const set = flags.map((f) => /^--max-semi-space-size=(\d+)$/.exec(f)?.[1]).find((v) => v !== undefined);
  return set === undefined ? "V8's default young generation (as the server runs)" : `--max-semi-space-size=${set}`;
}

/** `f` measured bundled (measureConversionBundled), `underTsx` the same as tsx runs the sources. */
export function printConversion(f: ConvertFigure, underTsx: ConvertFigure): void {
  console.log(
    `3. segmentsToTrace, BatchGetTraces answer of ${f.documents} segment documents (${(f.bytes / 2 ** 20).toFixed(1)} MiB of JSON strings, ${f.spans} spans): ` +
      `median ${ms(f.medianMs)} ms of ${CONVERT_RUNS} after ${CONVERT_WARMUPS} warm-ups, first (cold) call ${ms(f.coldMs)} ms ` +
      `(target ≤ ${CONVERT_TARGET_MS} ms: ${verdict(f.medianMs <= CONVERT_TARGET_MS)}); the same documents already parsed: median ${ms(f.parsedMedianMs)} ms; JSON.parse of the documents alone: median ${ms(f.parseMedianMs)} ms` +
      `${f.spans === f.expectedSpans ? "" : ` — expected ${f.expectedSpans} spans!`}`,
  );
  console.log(`   runs: ${f.runs.map(ms).join(", ")} ms`);
  console.log(
    `   the same answer in pages of ${PAGE} documents, each converted on arrival: after the last page arrives ${ms(f.lastPageMedianMs)} ms (target ≤ ${CONVERT_TARGET_MS} ms: ${verdict(f.lastPageMedianMs <= CONVERT_TARGET_MS)}); all pages together ${ms(f.pagedTotalMedianMs)} ms`,
  );
  console.log(
    `   the code bundled as the server's build is; as tsx runs the sources (each import read through a getter): median ${ms(underTsx.medianMs)} ms, already parsed ${ms(underTsx.parsedMedianMs)} ms`,
  );
  console.log(`   measured with ${semiSpace()}`);
}

if (require.main === module) {
  if (process.env[JSON_ONLY]) console.log(JSON.stringify(measureConversion()));
  else printConversion(measureConversionBundled(), measureConversion());
}
