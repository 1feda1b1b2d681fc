/**
 * Endurance (a): OTLP senders post protobuf batches for a while as readers use the UI's API (the
 * trace list, and traces already acknowledged); afterwards every acknowledged span is readable.
 */
import { rmSync } from "node:fs";
import { check, fmt, type Check, type Figure } from "../report";
import { LatencyRecorder, ms, timedJson } from "../load/latency";
import { startAppServer, stopChild, type AppServer } from "../processes";
import { lostSpans, missing, newLedger, sendUntil, spanCounts, SPANS_PER_TRACE } from "./otlp-sender";

export interface IngestWhileReadingOptions {
  port: number;
  dataDir: string;
  seconds: number;
  senders: number;
  readers: number;
}

export interface PartReport {
  checks: Check[];
  figures: Figure[];
  requestsUnderLoad: number;
  loadServed: number;
  dataLost: number;
}

export async function ingestWhileReading(o: IngestWhileReadingOptions): Promise<PartReport> {
  rmSync(o.dataDir, { recursive: true, force: true });
  let app: AppServer | undefined;
  try {
    app = await startAppServer(o.port, { DATA_DIR: o.dataDir, RETENTION_DAYS: "36500" });
    const base = app.url;
    const ledger = newLedger();
    const reads = new LatencyRecorder();
    const started = Date.now();
    const until = started + o.seconds * 1000;
    const stop = () => Date.now() >= until;
    const reader = async () => {
      while (!stop()) {
        await timedJson(reads, "GET /api/traces", `${base}/api/traces?limit=100`);
        const known = ledger.acknowledged;
        if (known.length) {
          const id = known[Math.floor(Math.random() * known.length)];
          const body = await timedJson<{ trace: { spans: unknown[] } }>(reads, "GET /api/traces/{id}", `${base}/api/traces/${id}`);
          if (body && body.trace.spans.length !== SPANS_PER_TRACE) reads.error("GET /api/traces/{id}", `${id} read with ${body.trace.spans.length} spans`);
        }
      }
    };
    await Promise.all([sendUntil(base, o.senders, ledger, stop), ...Array.from({ length: o.readers }, reader)]);
    const elapsedS = (Date.now() - started) / 1000;

    const { counts, errors } = await spanCounts(base, ledger.acknowledged);
    const lost = missing(ledger.acknowledged, counts);
    const spans = ledger.acknowledged.length * SPANS_PER_TRACE;
    const refusedTotal = [...ledger.refused.values()].reduce((a, b) => a + b, 0);
    const routes = reads.routes();
    const allReads = routes.map((r) => `${r.route} p50 ${ms(r.p50Ms)}, p99 ${ms(r.p99Ms)} (${fmt(r.requests)})`).join("; ");
    return {
      checks: [
        check(
          `every batch posted during ${o.seconds} s of ingest was acknowledged (${fmt(ledger.acknowledged.length / 16)} batches)`,
          refusedTotal === 0 && ledger.acknowledged.length > 0,
          refusedTotal ? `${refusedTotal} refused: ${ledger.firstRefusal}` : undefined,
        ),
        check(`no read failed while ingest ran (${fmt(reads.requests)} reads)`, reads.errors === 0, reads.errorExamples.join("\n")),
        check(
          `every acknowledged span is readable afterwards (${fmt(spans)} spans in ${fmt(ledger.acknowledged.length)} traces)`,
          lost.length === 0 && errors.length === 0,
          `${lost.length} traces incomplete, e.g. ${lost
            .slice(0, 3)
            .map((t) => `${t}: ${counts.get(t)}`)
            .join(", ")}; ${errors.join("; ")}`,
        ),
      ],
      figures: [
        { label: "ingest while reading: spans/s", value: `${fmt(Math.round(spans / elapsedS))} (${o.senders} senders, 512-span protobuf batches)` },
        { label: "reads during ingest", value: allReads },
      ],
      requestsUnderLoad: reads.requests + ledger.attempted.length / 16,
      loadServed: reads.requests - reads.errors + ledger.acknowledged.length / 16,
      dataLost: lostSpans(ledger.acknowledged, counts),
    };
  } finally {
    if (app) await stopChild(app.process);
  }
}
