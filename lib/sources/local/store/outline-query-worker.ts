/**
 * The windowed view's questions about large traces (outline-query-thread.ts asks them), answered on
 * a thread of its own with its own connection to the store: the trace read lean, its outline built
 * and held here (lib/analysis/outline-engine.ts), so that the seconds a million-span outline takes
 * never stop the server's thread answering requests and acknowledging ingest.
 */
import { parentPort, workerData } from "node:worker_threads";
import { createOutlineEngine, OutlineTraceUnknown, type OutlineRead } from "../../../analysis/outline-engine";
import { traceFromSpans } from "../trace-from-spans";
import { openDatabase } from "./open-database";
import type { FromOutlineQueryWorker, OutlineQueryWorkerData, OutlineQuestion, ToOutlineQueryWorker } from "./outline-query-protocol";
import { createReader } from "./reader";

const { dataDir, cacheSpans, ttlMs } = workerData as OutlineQueryWorkerData;
const port = parentPort!;
const reader = createReader(openDatabase(dataDir));
const engine = createOutlineEngine({ cacheSpans, ttlMs });

const readOf = (traceId: string): OutlineRead => ({
  async trace() {
    const trace = traceFromSpans(traceId, reader.getTraceOutlineSpans(traceId));
    if (!trace) throw new OutlineTraceUnknown(`trace ${traceId} is not in the store`);
    return trace;
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
