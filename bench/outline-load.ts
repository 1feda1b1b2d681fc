/**
 * npx tsx bench/outline-load.ts — the server's first (cold) load of a large trace, in process: a
 * store filled (once, kept in bench/results/outline-load-data) with traces of issue 14's shape
 * (e2e/support/shaped-trace.ts) of BENCH_OUTLINE_SIZES spans (100,000 and 1,000,000), then for
 * each, alternating, REPS times: the store read of the whole trace (getTraceSpans, every column
 * and JSON parsed) plus the outline build (buildTraceOutline) and its summary — what a cold load
 * did before the lean read — against the lean read (getTraceOutlineSpans) plus the same build, and
 * against the stored outline (outline-store.ts: header, first 200 rows, their spans whole; the
 * build that stores it, off the request path, is timed once). Modes: BENCH_OUTLINE_MODES (run
 * them in separate processes for 1,000,000 spans: one mode's garbage slows the next).
 * Prints each part's median and the load average. Asserts nothing.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { buildShapedTrace } from "../e2e/support/shaped-trace";
import { buildTraceOutline, outlineSummary } from "../lib/analysis/trace-outline";
import type { Span, SpanKind, Trace } from "../lib/model";
import type { SpanRecord } from "../lib/sources/local/records";
import { openStore, type Store } from "../lib/sources/local/store/store";

const SIZES = (process.env.BENCH_OUTLINE_SIZES ?? "100000,1000000").split(",").filter(Boolean).map(Number);
const REPS = Number(process.env.BENCH_OUTLINE_REPS ?? 3);
const MODES = (process.env.BENCH_OUTLINE_MODES ?? "whole,lean").split(",") as Mode[];
const DATA_DIR = path.resolve(__dirname, "results/outline-load-data");
const KINDS: SpanKind[] = ["internal", "internal", "server", "client", "producer", "consumer"];
const KEEP = { maxAgeMs: 100 * 365 * 86_400_000, maxBytes: Number.MAX_SAFE_INTEGER, intervalMs: 86_400_000 };

type Mode = "whole" | "lean" | "stored";

const load = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(" ");

function fill(store: Store, spans: number): string {
  const trace = buildShapedTrace(spans, { start: Date.UTC(2026, 0, 1) });
  const resources = new Map<string, SpanRecord["resource"]>();
  for (let i = 0; i < trace.spans.length; i += 5000) {
    store.write({
      logs: [],
      spans: trace.spans.slice(i, i + 5000).map((s) => {
        let resource = resources.get(s.service);
        if (!resource) resources.set(s.service, (resource = { service: s.service, attributes: { "service.name": s.service } }));
        return {
          traceId: s.traceId,
          spanId: s.spanId,
          parentSpanId: s.parentSpanId ?? null,
          name: s.name,
          kind: KINDS[s.kind ?? 1],
          startUs: Math.round(s.startMs * 1000),
          endUs: Math.round(s.endMs * 1000),
          status: s.statusCode === 2 ? "error" : "ok",
          statusMessage: null,
          httpStatus: s.statusCode === 2 ? 500 : 200,
          origin: null,
          attributes: s.attributes ?? {},
          events: [],
          links: [],
          resource,
          scope: null,
        } satisfies SpanRecord;
      }),
    });
  }
  return trace.traceId;
}

function asTrace(traceId: string, spans: Span[]): Trace {
  const startTime = spans[0].startTime;
  const endTime = spans.reduce((end, s) => Math.max(end, s.endTime), startTime);
  return { traceId, xrayTraceId: traceId, startTime, endTime, durationMs: endTime - startTime, spans, services: [...new Set(spans.map((s) => s.service))] };
}

function once(store: Store, traceId: string, mode: Mode): { read: number; build: number; summary: number } {
  if (mode === "stored") {
    // What the page's first load does with a stored outline: the header (summary), the first 200 rows, those spans whole.
    const t0 = performance.now();
    const header = store.outlines.header(traceId);
    if (!header) throw new Error("no stored outline");
    const t1 = performance.now();
    const rows = store.outlines.rows(traceId, 0, 200)?.records ?? [];
    const t2 = performance.now();
    store.getSpansById(
      traceId,
      rows.map((r) => r.spanId),
    );
    return { summary: t1 - t0, read: t2 - t1, build: performance.now() - t2 };
  }
  const t0 = performance.now();
  const spans = mode === "whole" ? store.getTraceSpans(traceId) : store.getTraceOutlineSpans(traceId);
  const t1 = performance.now();
  const outline = buildTraceOutline(asTrace(traceId, spans));
  const t2 = performance.now();
  outlineSummary(outline);
  const t3 = performance.now();
  return { read: t1 - t0, build: t2 - t1, summary: t3 - t2 };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function main(): void {
  mkdirSync(DATA_DIR, { recursive: true });
  const idsFile = path.join(DATA_DIR, "traces.json");
  const ids: Record<string, string> = existsSync(idsFile) ? (JSON.parse(readFileSync(idsFile, "utf8")) as Record<string, string>) : {};
  const store = openStore({ dataDir: DATA_DIR, retention: KEEP });
  try {
    for (const n of SIZES) {
      if (ids[n]) continue;
      const t0 = performance.now();
      ids[n] = fill(store, n);
      writeFileSync(idsFile, JSON.stringify(ids));
      console.log(`filled ${n} spans in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    }
    if (MODES.includes("stored")) {
      for (const n of SIZES) {
        if (store.outlines.header(ids[n])) continue;
        const t0 = performance.now();
        store.outlines.build(ids[n]);
        console.log(
          `stored the outline of ${n.toLocaleString("en")} spans (off the request path) in ${Math.round(performance.now() - t0)} ms (load ${load()})`,
        );
      }
    }
    for (const n of SIZES) {
      const runs: Record<Mode, { read: number[]; build: number[]; summary: number[] }> = {
        whole: { read: [], build: [], summary: [] },
        lean: { read: [], build: [], summary: [] },
        stored: { read: [], build: [], summary: [] },
      };
      for (let r = 0; r < REPS; r++) {
        for (const mode of MODES) {
          (globalThis as { gc?: () => void }).gc?.();
          const t = once(store, ids[n], mode);
          runs[mode].read.push(t.read);
          runs[mode].build.push(t.build);
          runs[mode].summary.push(t.summary);
        }
      }
      for (const mode of MODES) {
        const m = runs[mode];
        const f = (xs: number[]) => `${Math.round(median(xs))} ms`;
        if (mode === "stored") {
          console.log(
            `${n.toLocaleString("en")} spans, stored outline: header ${f(m.summary)}, 200 rows ${f(m.read)}, their spans ${f(m.build)} (median of ${REPS}; load ${load()})`,
          );
          continue;
        }
        console.log(
          `${n.toLocaleString("en")} spans, ${mode} read: read ${f(m.read)}, build ${f(m.build)}, summary ${f(m.summary)}; total ${Math.round(median(m.read) + median(m.build) + median(m.summary))} ms (median of ${REPS}; load ${load()})`,
        );
      }
    }
  } finally {
    store.close();
  }
}

main();
