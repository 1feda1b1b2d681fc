/**
 * The windowed view's questions about large traces (outline-query-thread.ts asks them), answered on
 * a thread of its own with its own connection to the store: the trace read lean, its outline built
 * and held here (lib/analysis/outline-engine.ts), so that the seconds a million-span outline takes
 * never stop the server's thread answering requests and acknowledging ingest.
 *
 * An outline built here for a trace whose current outline is not stored yet (a page's first load of
 * a trace just ingested) is then stored (outline-store.ts), a transaction at a time between this
 * thread's answers, so that later loads read it instead of building it; the claim taken before the
 * read keeps the builder thread from building the same trace meanwhile.
 */
import { randomUUID } from "node:crypto";
import { parentPort, workerData } from "node:worker_threads";
import { createOutlineEngine, OutlineTraceUnknown, type OutlineRead } from "../../../analysis/outline-engine";
import type { OutlineSummary, TraceOutline } from "../../../analysis/trace-outline";
import { traceFromSpans } from "../trace-from-spans";
import { openDatabase } from "./open-database";
import { createOutlineStore } from "./outline-store";
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
const db = openDatabase(dataDir);
const reader = createReader(db);
const outlines = createOutlineStore(db);
const OWNER = `first-load:${randomUUID()}`;
/** Traces claimed here, to store once built. */
const claimed = new Set<string>();
const engine = createOutlineEngine({ cacheSpans, ttlMs, onBuilt: (traceId, outline, summary) => void store(traceId, outline, summary) });

const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

/** Releases this thread's claim; a claim that cannot be released (the store failing) lapses after CLAIM_MS. */
function giveUp(traceId: string): void {
  claimed.delete(traceId);
  try {
    outlines.release(traceId, OWNER);
  } catch {
    // lapses
  }
}

async function store(traceId: string, outline: TraceOutline, summary: () => OutlineSummary): Promise<void> {
  if (!claimed.delete(traceId)) return;
  const t0 = performance.now();
  try {
    // Spans arrived since the read: the builder stores the trace once it settles.
    if (outlines.spanCount(traceId) !== outline.rows.length) return giveUp(traceId);
    const steps = outlines.saveSteps(traceId, outline, OWNER, summary);
    for (let step = steps.next(); ; step = steps.next()) {
      if (step.done) {
        if (step.value)
          port.postMessage({
            stored: { traceId, ok: true, spans: outline.rows.length, ms: Math.round(performance.now() - t0) },
          } satisfies FromOutlineQueryWorker);
        return;
      }
      await nextTurn();
    }
  } catch (err) {
    giveUp(traceId);
    port.postMessage({
      stored: { traceId, ok: false, spans: 0, ms: Math.round(performance.now() - t0), message: err instanceof Error ? err.message : String(err) },
    } satisfies FromOutlineQueryWorker);
  }
}

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
    await nextTurn();
    // Claimed before the read: the builder leaves the trace to this thread from now on.
    try {
      if (outlines.claim(traceId, OWNER)) claimed.add(traceId);
    } catch {
      // The store is busy writing: the question is answered all the same, and the builder stores the outline.
    }
    try {
      const trace = traceFromSpans(traceId, reader.getTraceOutlineSpans(traceId));
      if (!trace) throw new OutlineTraceUnknown(`trace ${traceId} is not in the store`);
      return trace;
    } catch (err) {
      if (claimed.has(traceId)) giveUp(traceId);
      throw err;
    }
  },
  attributeMatches: (text) => attributeMatches(traceId, text),
  spanCount: () => outlines.spanCount(traceId),
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
