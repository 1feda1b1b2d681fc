/**
 * The store's worker threads (the writer, writer-thread.ts; the checkpointer, checkpoint-thread.ts;
 * the outline queries and attribute searches, outline-query-thread.ts)
 * run from source, for tests and benchmarks: their entries are TypeScript, which a bare worker
 * cannot load, so they go through tsx. (The server's build has Turbopack compile each entry into a
 * worker chunk instead.)
 */
import path from "node:path";
import { Worker, type WorkerOptions } from "node:worker_threads";
import type { SpawnCheckpointer } from "../lib/sources/local/store/checkpoint-thread";
import type { SpawnOutlineQueries } from "../lib/sources/local/store/outline-query-thread";
import type { SpawnWriter } from "../lib/sources/local/store/writer-thread";

const STORE = path.resolve(__dirname, "../lib/sources/local/store");

function fromSource(entry: string, options: WorkerOptions): Worker {
  return new Worker(`require("tsx/cjs/api").register(); require(${JSON.stringify(path.join(STORE, entry))});`, { ...options, eval: true });
}

export const spawnWriterFromSource: SpawnWriter = (data, transfer) => fromSource("writer-worker.ts", { workerData: data, transferList: transfer });

export const spawnCheckpointerFromSource: SpawnCheckpointer = (data) => fromSource("checkpoint-worker.ts", { workerData: data });

export const spawnOutlineQueriesFromSource: SpawnOutlineQueries = {
  queries: (data, transfer) => fromSource("outline-query-worker.ts", { workerData: data, transferList: transfer }),
  attributeSearch: (data, transfer) => fromSource("attribute-search-worker.ts", { workerData: data, transferList: transfer }),
};
