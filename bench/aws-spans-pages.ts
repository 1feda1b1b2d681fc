/**
 * npx tsx --conditions=react-server bench/aws-spans-pages.ts — TRACE_STORE=spans: the time to read a large trace from
 * `aws/spans` by pages of 10,000 rows (spans-store.ts), the real SDK clients against the AWS test
 * server on loopback (queries complete at once: queryRunMs 0; GetQueryResults polled every 10-20 ms,
 * the wire tests' tuning). A fresh source each run (no cache); seeding is not timed. The test
 * server evaluates every query over the whole group in-process, so its CPU is in the figure too.
 * Prints figures; asserts nothing. BENCH_SPANS: comma-separated sizes (default 25000,100000); BENCH_RUNS (default 3).
 */
import { buildLargeTrace } from "../e2e/support/large-trace";
import { FAST_TUNING, id, inputOf, startHarness } from "../lib/sources/aws/aws-test-setup";

const SIZES = (process.env.BENCH_SPANS ?? "25000,100000").split(",").map(Number);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const nanos = (ms: number) => String(BigInt(Math.round(ms * 1e6)));

async function main(): Promise<void> {
  for (const size of SIZES) {
    const big = buildLargeTrace(size);
    const records = big.spans.map((s) => ({
      resource: { attributes: { "service.name": s.service } },
      traceId: s.traceId,
      spanId: s.spanId,
      ...(s.parentSpanId ? { parentSpanId: s.parentSpanId } : {}),
      name: s.name,
      kind: "INTERNAL",
      startTimeUnixNano: nanos(s.startMs),
      endTimeUnixNano: nanos(s.endMs),
      durationNano: Math.round((s.endMs - s.startMs) * 1e6),
      attributes: {},
      status: { code: "UNSET" },
    }));
    const times: number[] = [];
    let queries = 0;
    let read = 0;
    for (let run = 0; run < RUNS; run += 1) {
      // Long client timeouts: the test server blocks its event loop while it evaluates a query.
      const h = await startHarness({
        source: { traceStore: "spans" },
        clients: { connectionTimeoutMs: 60_000, requestTimeoutMs: 120_000, callTimeoutMs: 180_000 },
        tuning: { spans: { ...FAST_TUNING.spans, timeoutMs: 180_000, deadlineMs: 600_000 } },
      });
      try {
        h.server.configure({ transactionSearch: true, queryRunMs: 0 });
        h.server.putSpans(records);
        const started = performance.now();
        const trace = await h.source.getTrace(id(big.traceId));
        times.push(performance.now() - started);
        read = trace?.spans.length ?? 0;
        if (trace?.partial) console.log(`  partial: ${trace.note}`);
        queries = h.calls("StartQuery").filter((c) => inputOf(c).logGroupName === "aws/spans").length;
      } finally {
        await h.close();
      }
    }
    const sorted = [...times].sort((a, b) => a - b);
    console.log(
      `${size.toLocaleString("en-US")} spans: ${read.toLocaleString("en-US")} read in ${queries} queries; ` +
        `median ${(sorted[Math.floor(RUNS / 2)] / 1000).toFixed(2)} s (runs ${times.map((t) => (t / 1000).toFixed(2)).join(", ")} s), ` +
        `${(sorted[Math.floor(RUNS / 2)] / queries).toFixed(0)} ms a page`,
    );
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
