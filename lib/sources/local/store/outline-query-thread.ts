/**
 * The server's end of the outline query thread (outline-query-worker.ts): the windowed view's
 * questions that need a large trace's outline in memory (a search, a service filter, a fold, a
 * located span, "next failure", and every question about a trace whose outline is not stored yet)
 * go there, so the read and build of a million spans happen off the thread that answers requests.
 * The worker starts at the first question and again at the next one after it stops; a question in
 * flight when it stops is answered with an error. Beside it runs the attribute search thread
 * (attribute-search-worker.ts), which the query thread asks directly over a MessagePort: a search
 * reads its attribute matches there while the outline is read and built. The two start and stop
 * together.
 */
import { MessageChannel, Worker, type MessagePort } from "node:worker_threads";
import { OutlineTraceUnknown, type OutlineQuestions } from "../../../analysis/outline-engine";
import type { OutlineView } from "../../../analysis/trace-outline";
import { log } from "../../../log/logger";
import type {
  AttributeSearchWorkerData,
  FromOutlineQueryWorker,
  OutlineQueryWorkerData,
  OutlineQuestion,
  ToOutlineQueryWorker,
  WireView,
} from "./outline-query-protocol";

/** Starts the two threads; `transfer` holds the MessagePort in the worker data. */
export interface SpawnOutlineQueries {
  queries(data: OutlineQueryWorkerData, transfer: MessagePort[]): Worker;
  attributeSearch(data: AttributeSearchWorkerData, transfer: MessagePort[]): Worker;
}

/** Written out in full so that Turbopack builds each worker's entry as a chunk of its own (as writer-thread.ts). */
const spawnOutlineQueries: SpawnOutlineQueries = {
  queries: (data, transfer) => new Worker(new URL("./outline-query-worker.ts", import.meta.url), { workerData: data, transferList: transfer }),
  attributeSearch: (data, transfer) => new Worker(new URL("./attribute-search-worker.ts", import.meta.url), { workerData: data, transferList: transfer }),
};

export interface OutlineQueries extends OutlineQuestions {
  close(): void;
}

/** What the outline engine holds on that thread (as lib/http/trace-outline-cache.ts on this one). */
const DEFAULTS = { cacheSpans: 3_000_000, ttlMs: 5 * 60_000 };

const wire = (view: OutlineView): WireView => ({ query: view.query, service: view.service, collapsed: view.collapsed });

export function startOutlineQueries(dataDir: string, spawn: SpawnOutlineQueries = spawnOutlineQueries, limits = DEFAULTS): OutlineQueries {
  let worker: Worker | null = null;
  /** Stops the running pair of threads. */
  let stopPair: (() => void) | null = null;
  let closed = false;
  let nextId = 1;
  const pending = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();

  const start = (): Worker => {
    const channel = new MessageChannel();
    const searcher = spawn.attributeSearch({ dataDir, port: channel.port2 }, [channel.port2]);
    const w = spawn.queries({ dataDir, ...limits, attributeSearch: channel.port1 }, [channel.port1]);
    searcher.unref();
    w.unref();
    w.on("message", (m: FromOutlineQueryWorker) => {
      if ("stored" in m) {
        const { traceId, spans, ms, ok, message } = m.stored;
        if (ok) log().info("trace outline stored", { traceId, spans, ms, by: "first load" });
        else log().error("trace outline not stored", { traceId, message, by: "first load" });
        return;
      }
      const p = pending.get(m.id);
      if (!p) return;
      pending.delete(m.id);
      if (m.ok) p.resolve(m.answer);
      else p.reject(m.notFound ? new OutlineTraceUnknown(m.message) : new Error(m.message));
    });
    // One stops, both stop: the next question starts the pair again. What a thread reports once
    // it is being stopped on purpose (terminated mid-start, say) is no failure, and is not logged.
    let stopping = false;
    const stop = () => {
      stopping = true;
      void w.terminate();
      void searcher.terminate();
    };
    w.on("error", (err) => stopping || log().error("outline query thread failed", { store: dataDir }, err));
    searcher.on("error", (err) => stopping || log().error("attribute search thread failed", { store: dataDir }, err));
    searcher.on("exit", stop);
    stopPair = stop;
    w.on("exit", () => {
      stop();
      if (worker === w) {
        worker = null;
        stopPair = null;
      }
      for (const p of pending.values()) p.reject(new Error("the outline query thread stopped before it answered"));
      pending.clear();
    });
    return w;
  };

  function ask<T>(question: OutlineQuestion): Promise<T> {
    if (closed) return Promise.reject(new Error("the store is closed"));
    worker ??= start();
    const id = nextId++;
    const answer = new Promise<T>((resolve, reject) => pending.set(id, { resolve: resolve as (value: unknown) => void, reject }));
    // Nothing keeps the process alive for a worker that is unref'd: a question does while it waits.
    if (pending.size === 1) worker.ref();
    void answer.finally(() => pending.size === 0 && worker?.unref()).catch(() => {});
    worker.postMessage({ id, question } satisfies ToOutlineQueryWorker);
    return answer;
  }

  return {
    summary: (traceId) => ask({ op: "summary", traceId }),
    rows: (traceId, view, offset, limit) => ask({ op: "rows", traceId, view: wire(view), offset, limit }),
    locate: (traceId, view, spanId) => ask({ op: "locate", traceId, view: wire(view), spanId }),
    find: (traceId, view, find) => ask({ op: "find", traceId, view: wire(view), find }),
    close() {
      closed = true;
      stopPair?.();
      worker = null;
    },
  };
}
