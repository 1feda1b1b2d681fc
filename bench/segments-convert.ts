/**
 * Figure 3 of bench:aws, and runnable on its own (`npx tsx bench/segments-convert.ts`, in-process,
 * no build or servers): segmentsToTrace on a BatchGetTraces answer of 5,000 segment documents
 * (bench/aws-segments.ts), as JSON strings and already parsed; median of 10 runs after 3 warm-ups.
 */
import { segmentsToTrace } from "../lib/sources/aws/segments-to-spans";
import { buildLargeXRayTrace } from "./aws-segments";

export const SEGMENTS = 5000;
export const CONVERT_WARMUPS = 3;
export const CONVERT_RUNS = 10;
export const CONVERT_TARGET_MS = 100;

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
  };
}

export function printConversion(f: ConvertFigure): void {
  console.log(
    `3. segmentsToTrace, BatchGetTraces answer of ${f.documents} segment documents (${(f.bytes / 2 ** 20).toFixed(1)} MiB of JSON strings, ${f.spans} spans): ` +
      `median ${ms(f.medianMs)} ms of ${CONVERT_RUNS} after ${CONVERT_WARMUPS} warm-ups, first (cold) call ${ms(f.coldMs)} ms ` +
      `(target ≤ ${CONVERT_TARGET_MS} ms: ${verdict(f.medianMs <= CONVERT_TARGET_MS)}); the same documents already parsed: median ${ms(f.parsedMedianMs)} ms; JSON.parse of the documents alone: median ${ms(f.parseMedianMs)} ms` +
      `${f.spans === f.expectedSpans ? "" : ` — expected ${f.expectedSpans} spans!`}`,
  );
  console.log(`   runs: ${f.runs.map(ms).join(", ")} ms`);
}

if (require.main === module) printConversion(measureConversion());
