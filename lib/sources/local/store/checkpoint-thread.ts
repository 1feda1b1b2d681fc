/**
 * The store's checkpoint thread: a worker_threads Worker (checkpoint-worker.ts) with its own
 * connection that folds the WAL into the database file every CHECKPOINT_INTERVAL_MS, so the
 * writer thread rarely has to. A checkpoint run by the writer itself (wal_autocheckpoint, after
 * a commit) held every batch behind it for the copy and the database file's fsync: measured
 * in-process, about 15 % of the writer's time a batch (BENCHMARKS.md, "Checkpoints off the
 * writer thread"). The writer keeps its autocheckpoint as the fallback and to restart the WAL
 * from its beginning; what is left to copy by then is at most one interval's pages.
 *
 * Nothing depends on it for correctness: if it fails or stops, the writer checkpoints as before.
 */
import { Worker } from "node:worker_threads";
import { log } from "../../../log/logger";
import type { CheckpointerData, FromCheckpointer, ToCheckpointer } from "./checkpoint-protocol";

const CHECKPOINT_INTERVAL_MS = 250;
const CLOSE_TIMEOUT_MS = 5_000;
/** A failure repeated every interval is logged again at most this often. */
const REPEAT_LOG_MS = 60_000;

export type SpawnCheckpointer = (data: CheckpointerData) => Worker;

/** Written out in full so that Turbopack builds the worker's entry as a chunk of its own (as writer-thread.ts). */
const spawnCheckpointer: SpawnCheckpointer = (data) => new Worker(new URL("./checkpoint-worker.ts", import.meta.url), { workerData: data });

export interface CheckpointThread {
  /** Stops the timer and closes the worker's connection, synchronously (shutdown may call it from process.exit). */
  close(): void;
}

export function startCheckpointThread(dataDir: string, intervalMs = CHECKPOINT_INTERVAL_MS, spawn: SpawnCheckpointer = spawnCheckpointer): CheckpointThread {
  const closedFlag = new SharedArrayBuffer(4);
  const worker = spawn({ dataDir, intervalMs, closed: closedFlag });
  worker.unref();
  let closing = false;
  let exited = false;
  let lastLogged = { message: "", at: 0 };

  worker.on("message", (message: FromCheckpointer) => {
    const now = Date.now();
    if (message.message === lastLogged.message && now - lastLogged.at < REPEAT_LOG_MS) return;
    lastLogged = { message: message.message, at: now };
    log().error(`the store's checkpoint thread could not checkpoint the WAL (the writer thread checkpoints instead): ${message.message}`);
  });
  let error: Error | undefined;
  worker.on("error", (err) => {
    error = err;
  });
  worker.on("exit", (code) => {
    exited = true;
    if (closing) return;
    log().error(`the store's checkpoint thread stopped (exit code ${code}); the writer thread checkpoints the WAL instead`, {}, error);
  });

  return {
    close() {
      if (closing) return;
      closing = true;
      if (exited) return;
      worker.postMessage({ type: "close" } satisfies ToCheckpointer);
      if (Atomics.wait(new Int32Array(closedFlag), 0, 0, CLOSE_TIMEOUT_MS) === "timed-out") {
        log().error(`the store's checkpoint thread did not close within ${CLOSE_TIMEOUT_MS} ms`);
        void worker.terminate();
      }
    },
  };
}
