/**
 * `npx tsx bench/log-index.ts`: what a trace's logs answer costs the browser's main thread when it
 * arrives, in process: resolveLogSpans (the Gantt's log counts; windowed and whole trace), indexLogs
 * (the log panel's index) and matchLogs without and with a query, for BENCH_LINES (10,000) lines of
 * one trace carrying its ID in the X-Ray form, as Logs Insights and the local store answer them. The
 * first (cold) run and the median of 10 after it; asserts nothing.
 */
import { resolveLogSpans } from "../lib/analysis/log-span-index";
import { span } from "../lib/analysis/test-spans";
import { indexLogs, matchLogs } from "../lib/client/log-filter";
import type { LogEvent, Span } from "../lib/model";
import { median, ms } from "./ui-support";

const LINES = Number(process.env.BENCH_LINES ?? 10_000);
const RUNS = 10;
const TRACE = "6b160842334a782b8cef85435cd9425e";
const XRAY = `1-${TRACE.slice(0, 8)}-${TRACE.slice(8)}`;
const hex = (n: number, width: number) => n.toString(16).padStart(width, "0");

const spans: Span[] = Array.from({ length: 1000 }, (_, i) =>
  span({
    traceId: TRACE,
    spanId: hex(i + 1, 16),
    parentSpanId: i === 0 ? null : hex(Math.ceil(i / 4), 16),
    service: `svc-${i % 8}`,
    name: `op-${i % 97}`,
    startTime: 1_700_000_000_000 + i,
    endTime: 1_700_000_000_000 + i + 50,
  }),
);
const events: LogEvent[] = Array.from({ length: LINES }, (_, i) => ({
  id: String(i),
  timestamp: 1_700_000_000_000 + ((i * 7919) % LINES) / 10,
  message: `handled op-${i % 97} ${i} for order o-${i * 31}`,
  level: i % 50 === 0 ? "error" : "info",
  service: `svc-${i % 8}`,
  traceId: XRAY,
  spanId: hex((i % 1000) + 1, 16),
  logGroup: "/sightline/bench",
  fields: { "http.route": `/r/${i % 50}`, attempt: i % 3 },
}));

function time(label: string, f: () => unknown): void {
  let t = performance.now();
  f();
  const cold = performance.now() - t;
  const runs: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    t = performance.now();
    f();
    runs.push(performance.now() - t);
  }
  console.log(`${label.padEnd(44)} first ${ms(cold).padStart(6)} ms, median ${ms(median(runs)).padStart(6)} ms`);
}

console.log(`${LINES.toLocaleString("en-US")} log lines of one trace (its ID in the X-Ray form), ${spans.length} spans:`);
time("resolveLogSpans, windowed (by the line's span)", () => resolveLogSpans(events, [], { traceId: TRACE }));
time("resolveLogSpans, whole trace", () => resolveLogSpans(events, spans));
const index = indexLogs(events, [], { traceId: TRACE });
time("indexLogs, windowed", () => indexLogs(events, [], { traceId: TRACE }));
time("matchLogs, no query", () => matchLogs(index, [], null, ""));
time('indexLogs + matchLogs, query "o-31"', () => matchLogs(indexLogs(events, [], { traceId: TRACE }), [], null, "o-31"));
