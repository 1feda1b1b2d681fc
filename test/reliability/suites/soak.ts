/**
 * Soak: RELIABILITY_SOAK_SECONDS (default 600) of mixed traffic in local mode — OTLP ingest of
 * traces and logs, trace pages (trace + logs), searches, the service map and the trace list —
 * sampling the resident memory of the process serving the port every 10 s. Holds when nothing
 * failed and the RSS levels off (load/rss-trend.ts).
 */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { buildKnownTrace } from "../../../e2e/support/known-trace";
import { logsRequest, tracesRequest } from "../../../e2e/support/otlp-json";
import { resets } from "../load/fetch-retry";
import { LatencyRecorder, timedJson } from "../load/latency";
import { loadFigures } from "../load/load-report";
import { judgeRss, LEVEL_OFF_FRACTION, sampleAt, type RssSample } from "../load/rss-trend";
import { seedLocalTraces } from "../load/seed-local";
import { servingPid, rssBytes } from "../load/serving-process";
import { loadTracePage } from "../load/trace-page-load";
import { RELIABILITY_PORTS } from "../ports";
import { startAppServer, stopChild, type AppServer } from "../processes";
import { check, fmt } from "../report";
import type { Suite } from "../suite";

const PORT = RELIABILITY_PORTS.soak.localApp;
const SECONDS = Number(process.env.RELIABILITY_SOAK_SECONDS ?? 600);
/**
 * Mixed traffic before the first sample: V8 grows the heap to its working size over the first
 * half-minute of traffic (measured: 109 MB at the first request, ~250 MB 30 s later), which is
 * warm-up, not a leak, and would otherwise decide a short run.
 */
const WARM_UP_SECONDS = Number(process.env.RELIABILITY_SOAK_WARMUP_SECONDS ?? 30);
/** Every 10 s; shorter runs (development) sample more often, to have enough points to judge. */
const SAMPLE_EVERY_S = Math.min(10, SECONDS / 12);
const READERS = 8;
const THINK_MS = 50;
/** One ingest request pair (traces, then logs) of this many known traces every INGEST_EVERY_MS. */
const TRACES_PER_INGEST = 20;
const INGEST_EVERY_MS = 500;
const SEED_TRACES = 200;

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MB`;

const suite: Suite = {
  id: "soak",
  order: 50,
  fast: false,
  timeoutMs: (SECONDS + WARM_UP_SECONDS) * 1000 + 60_000,
  async run() {
    const started = Date.now();
    const work = mkdtempSync(path.join(os.tmpdir(), "sightline-soak-"));
    let app: AppServer | undefined;
    try {
      app = await startAppServer(PORT, { DATA_DIR: path.join(work, "data"), RETENTION_DAYS: "36500" });
      const base = app.url;
      const pid = servingPid(PORT);
      if (pid === null) throw new Error(`no process found listening on port ${PORT}`);
      const traceIds = (await seedLocalTraces(base, SEED_TRACES)).map((t) => t.traceId);
      const recorder = new LatencyRecorder();
      const t0 = Date.now() + WARM_UP_SECONDS * 1000;
      const until = t0 + SECONDS * 1000;
      const running = () => Date.now() < until;
      const pick = () => traceIds[Math.floor(Math.random() * traceIds.length)];

      const samples: RssSample[] = [];
      const sampler = (async () => {
        for (let i = 0; ; i++) {
          const due = t0 + i * SAMPLE_EVERY_S * 1000;
          if (due > until + 100) return;
          await sleep(Math.max(0, due - Date.now()));
          if (Date.now() > until + 1000) return;
          samples.push({ t: (Date.now() - t0) / 1000, bytes: rssBytes(pid) });
        }
      })();

      let spansIngested = 0;
      const ingester = async () => {
        while (running()) {
          const tick = Date.now();
          const batch = Array.from({ length: TRACES_PER_INGEST }, () => buildKnownTrace(Date.now() - 60_000));
          const ok1 = await timedJson(recorder, "POST /v1/traces", `${base}/v1/traces`, {
            method: "POST",
            headers: { "content-type": "application/json" },
            body: JSON.stringify(tracesRequest(batch.flatMap((t) => t.spans))),
          });
          const ok2 = await timedJson(recorder, "POST /v1/logs", `${base}/v1/logs`, {
            method: "POST",
            headers: { "content-type": "application/json" },
            body: JSON.stringify(logsRequest(batch.flatMap((t) => t.logs))),
          });
          if (ok1 !== null && ok2 !== null) {
            spansIngested += batch.length * 6;
            // Newly ingested traces join the ones the readers open, in a bounded window.
            traceIds.push(...batch.map((t) => t.traceId));
            if (traceIds.length > 2000) traceIds.splice(0, traceIds.length - 2000);
          }
          await sleep(Math.max(0, INGEST_EVERY_MS - (Date.now() - tick)));
        }
      };
      const reader = async (n: number) => {
        for (let i = n; running(); i++) {
          const now = Date.now();
          const window = `from=${now - 3_600_000}&to=${now}`;
          switch (i % 4) {
            case 0:
              await loadTracePage({ base, traceId: pick(), mode: "local", recorder });
              break;
            case 1:
              await timedJson(recorder, "GET /api/traces (search)", `${base}/api/traces?${window}&service=payment-svc&status=error&limit=100`);
              break;
            case 2:
              await timedJson(recorder, "GET /api/service-graph", `${base}/api/service-graph?${window}`);
              break;
            default:
              await timedJson(recorder, "GET /api/traces (list)", `${base}/api/traces?limit=200`);
          }
          await sleep(THINK_MS);
        }
      };
      await Promise.all([ingester(), ...Array.from({ length: READERS }, (_, n) => reader(n)), sampler]);
      const seconds = (Date.now() - t0) / 1000 + WARM_UP_SECONDS;
      const alive = app.process.exitCode === null;

      const v = judgeRss(samples);
      const at = (s: number) => {
        const x = sampleAt(samples, s);
        return x ? `${mb(x.bytes)} at ${Math.round(x.t)} s` : "n/a";
      };
      return {
        suite: "soak",
        title: `Soak: ${Math.round(SECONDS / 60)} min of mixed traffic in local mode`,
        durationMs: Date.now() - started,
        checks: [
          check(
            `no request failed in ${WARM_UP_SECONDS + SECONDS} s of mixed traffic (${fmt(recorder.requests)} requests)`,
            recorder.errors === 0 && alive,
            `${fmt(recorder.errors)} errors, server alive ${alive}: ${recorder.errorExamples.join("\n")}`,
          ),
          check(
            `the server's RSS levels off: growth over the last third < ${LEVEL_OFF_FRACTION * 100} % of the first third's level (${mb(v.lastThirdGrowthBytes)} vs ${mb(v.firstThirdMeanBytes)})`,
            v.levelsOff,
            `${samples.length} samples: ${samples.map((s) => `${Math.round(s.t)}s ${mb(s.bytes)}`).join(", ")}`,
          ),
        ],
        figures: [
          { label: "RSS of the serving process", value: `${at(60)}; ${at(300)}; ${at(SECONDS)} (every ${SAMPLE_EVERY_S} s, pid ${pid})` },
          { label: "RSS max", value: mb(v.maxBytes) },
          { label: "RSS slope over the last half", value: `${v.lastHalfSlopePerMin >= 0 ? "+" : ""}${mb(v.lastHalfSlopePerMin)}/min` },
          { label: "spans ingested during the soak", value: `${fmt(spansIngested)} (plus ${fmt(SEED_TRACES * 6)} seeded), with their log lines` },
          ...loadFigures("soak", recorder, 0, seconds).filter((f) => f.label !== "soak: requests"),
          {
            label: "soak: requests",
            value: `${fmt(recorder.requests)} in ${seconds.toFixed(0)} s (${fmt(Math.round(recorder.requests / seconds))} req/s; ${fmt(resets.retried)} keep-alive resets retried)`,
          },
        ],
        method:
          `Production build, local mode, port ${PORT}. One ingester posts ${TRACES_PER_INGEST} known traces (6 spans, 5 log lines each) as OTLP/JSON every ${INGEST_EVERY_MS} ms; ` +
          `${READERS} readers cycle through a trace page (trace + logs + health), a search (service, status), the service map and the trace list, ${THINK_MS} ms apart. ` +
          `VmRSS of the process listening on the port (found through /proc/net/tcp) every ${SAMPLE_EVERY_S} s for ${SECONDS} s, after ${WARM_UP_SECONDS} s of the same traffic to warm up (times below count from the end of the warm-up). ` +
          `Levelling off: the least-squares slope of the last third times its length, under ${LEVEL_OFF_FRACTION * 100} % of the first third's mean — a slope, so GC saw-teeth do not decide it.`,
        tally: { requestsUnderLoad: recorder.requests, loadServed: recorder.requests - recorder.errors },
      };
    } finally {
      if (app) await stopChild(app.process);
      rmSync(work, { recursive: true, force: true });
    }
  },
};

export default suite;
