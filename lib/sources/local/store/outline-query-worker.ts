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
import type {
  FromAttributeSearch,
  FromOutlineQueryWorker,
  OutlineQueryWorkerData,
  OutlineQuestion,
  ToAttributeSearch,
  ToOutlineQueryWorker,
} from "./outline-query-protocol";
import { createReader } from "./reader";

const { dataDir, cacheSpans, ttlMs, attributeSearch } = workerData as OutlineQueryWorkerData;
const port = parentPort!;
const reader = createReader(openDatabase(dataDir));
const engine = createOutlineEngine({ cacheSpans, ttlMs });

/** Attribute searches asked of the attribute search thread, by request ID. */
const searches = new Map<number, { resolve(ids: Set<string>): void; reject(error: Error): void }>();
let nextSearch = 1;
attributeSearch.on("message", (m: FromAttributeSearch) => {
  const search = searches.get(m.id);
  if (!search) return;
  searches.delete(m.id);
  if (m.ok) search.resolve(new Set(m.spanIds));
  else search.reject(new Error(m.message));
});
// The server's thread stops this thread with the other (outline-query-thread.ts); until then, nothing is left waiting.
attributeSearch.on("close", () => {
  for (const search of searches.values()) search.reject(new Error("the attribute search thread stopped before it answered"));
  searches.clear();
});

function attributeMatches(traceId: string, text: string): Promise<Set<string>> {
  const id = nextSearch++;
  return new Promise((resolve, reject) => {
    searches.set(id, { resolve, reject });
    attributeSearch.postMessage({ id, traceId, text } satisfies ToAttributeSearch);
  });
}

const readOf = (traceId: string): OutlineRead => ({
  async trace() {
    // The read below holds this thread for seconds: let the question's attribute search (asked in
    // this same turn, outline-engine.ts) leave for its own thread first.
    await new Promise((resolve) => setImmediate(resolve));
    const trace = traceFromSpans(traceId, reader.getTraceOutlineSpans(traceId));
    if (!trace) throw new OutlineTraceUnknown(`trace ${traceId} is not in the store`);
    return trace;
  },
  attributeMatches: (text) => attributeMatches(traceId, text),
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
