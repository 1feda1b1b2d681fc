/**
 * The windowed view's questions about large traces (outline-query-thread.ts asks them), answered on
 * a thread of its own with its own connection to the store: the trace read lean, its outline loaded
 * from the store when it keeps a current one or else built, and held here (lib/analysis/outline-engine.ts), so that the seconds a million-span outline takes
 * never stop the server's thread answering requests and acknowledging ingest.
 */
import { parentPort, workerData } from "node:worker_threads";
import { createOutlineEngine, OutlineTraceUnknown, type OutlineRead } from "../../../analysis/outline-engine";
import { buildTraceOutline, outlineFromRecords } from "../../../analysis/trace-outline";
import type { Trace } from "../../../model";
import { traceFromSpans } from "../trace-from-spans";
import { openDatabase } from "./open-database";
import { createOutlineStore } from "./outline-store";
import type { FromOutlineQueryWorker, OutlineQueryWorkerData, OutlineQuestion, ToOutlineQueryWorker } from "./outline-query-protocol";
import { createReader } from "./reader";

const { dataDir, cacheSpans, ttlMs } = workerData as OutlineQueryWorkerData;
const port = parentPort!;
const db = openDatabase(dataDir);
const reader = createReader(db);
const stored = createOutlineStore(db);
const engine = createOutlineEngine({ cacheSpans, ttlMs });

function leanTrace(traceId: string): Trace {
  const trace = traceFromSpans(traceId, reader.getTraceOutlineSpans(traceId));
  if (!trace) throw new OutlineTraceUnknown(`trace ${traceId} is not in the store`);
  return trace;
}

const readOf = (traceId: string): OutlineRead => ({
  trace: async () => leanTrace(traceId),
  // A settled trace's stored outline (outline-builder.ts) is loaded over its spans rather than
  // built again: no tree sort, no critical path — most of what a million spans cost.
  async outline() {
    const trace = leanTrace(traceId);
    const header = stored.header(traceId);
    const loaded = header?.spanCount === trace.spans.length ? outlineFromRecords(trace, stored.rows(traceId, 0, header.spanCount)) : null;
    return loaded ?? buildTraceOutline(trace);
  },
  attributeMatches: async (text) => reader.spanIdsWithAttributeText(traceId, text),
});

function answer(q: OutlineQuestion) {
  const read = readOf(q.traceId);
  switch (q.op) {
    case "summary":
      return engine.summary(q.traceId, read);
    case "rows":
      return engine.rows(q.traceId, read, q.view, q.offset, q.limit);
    case "locate":
      return engine.locate(q.traceId, read, q.view, q.spanId);
    case "find":
      return engine.find(q.traceId, read, q.view, q.find);
  }
}

port.on("message", ({ id, question }: ToOutlineQueryWorker) => {
  answer(question).then(
    (value) => port.postMessage({ id, ok: true, answer: value } satisfies FromOutlineQueryWorker),
    (err: unknown) =>
      port.postMessage({
        id,
        ok: false,
        notFound: err instanceof OutlineTraceUnknown,
        message: err instanceof Error ? err.message : String(err),
      } satisfies FromOutlineQueryWorker),
  );
});
