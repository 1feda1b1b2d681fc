/**
 * The store's writer thread (lib/sources/local/store/writer-thread.ts) run from source, for tests
 * and benchmarks: its entry is TypeScript, which a bare worker cannot load, so it goes through tsx.
 * (The server's build has Turbopack compile the entry into a worker chunk instead.)
 */
import path from "node:path";
import { Worker } from "node:worker_threads";
import type { SpawnWriter } from "../lib/sources/local/store/writer-thread";

const ENTRY = path.resolve(__dirname, "../lib/sources/local/store/writer-worker.ts");

export const spawnWriterFromSource: SpawnWriter = (data, transfer) =>
  new Worker(`require("tsx/cjs/api").register(); require(${JSON.stringify(ENTRY)});`, { eval: true, workerData: data, transferList: transfer });
