/**
 * The server's side of the store's writer thread: ingest hands prepared batches (prepared-batch.ts)
 * to one worker_threads Worker (writer-worker.ts) that owns the writing connection, so decoding
 * and HTTP for the next requests run while SQLite commits the last ones. A batch's promise
 * resolves only after its transaction is committed (synchronous = FULL): the durability of a 200
 * is the same as when the server wrote itself.
 *
 * If the writer dies, the batches it held are answered an error (an exporter retries them; a span
 * re-sent is not stored twice) and the next batch starts a new one, up to MAX_RESTARTS within
 * RESTART_WINDOW_MS; past that every write fails at once, loudly, until the window has passed.
 * A batch unanswered after WRITE_TIMEOUT_MS fails, and the writer is replaced: nothing waits forever.
 */
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from "node:worker_threads";
import { log } from "../../../log/logger";
import type { PreparedBatch } from "./prepared-batch";
import { StoreFullError } from "./store-full";
import type { WriteResult } from "./writer";
import type { FromWriter, ToWriter, WriterData } from "./writer-protocol";

const MAX_RESTARTS = 3;
const RESTART_WINDOW_MS = 60_000;
const WRITE_TIMEOUT_MS = 30_000;
const CLOSE_TIMEOUT_MS = 8_000;

/** The writer thread is gone (it crashed, was replaced, or is restarting too often). */
export class WriterUnavailableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "WriterUnavailableError";
  }
}

export interface WriterThread {
  /** Resolves once the batch is committed; rejects with the reason it is not (StoreFullError for a full disk). */
  write(batch: PreparedBatch): Promise<WriteResult>;
  /**
   * Commits what was sent before, closes the writer's connection and answers the batches waiting,
   * synchronously (shutdown may call it from process.exit). Later writes fail.
   */
  close(): void;
}

export type SpawnWriter = (data: WriterData, transfer: MessagePort[]) => Worker;

/**
 * Written out in full so that the bundler (Turbopack) sees the worker's entry and builds it as a
 * worker chunk of its own (.next/server/chunks/[worker thread]-…), in `next start` and in the
 * standalone folder alike. Run from source, the entry is TypeScript: tests pass a spawner that
 * loads it through tsx (test-helpers.ts).
 */
const spawnWriter: SpawnWriter = (data, transfer) => new Worker(new URL("./writer-worker.ts", import.meta.url), { workerData: data, transferList: transfer });

interface Pending {
  resolve(result: WriteResult): void;
  reject(err: Error): void;
  timer: NodeJS.Timeout;
}

interface Running {
  worker: Worker;
  port: MessagePort;
  closed: Int32Array;
  /** Set once its exit is expected (close, or replaced after a timeout). */
  retired: boolean;
}

export function startWriterThread(dataDir: string, spawn: SpawnWriter = spawnWriter): WriterThread {
  const pending = new Map<number, Pending>();
  let nextId = 1;
  let current: Running | null = null;
  let closed = false;
  let starts: number[] = [];

  const failAll = (err: Error) => {
    for (const [id, p] of pending) {
      clearTimeout(p.timer);
      pending.delete(id);
      p.reject(err);
    }
  };

  const onMessage = (message: FromWriter) => {
    if (message.type === "failed") {
      failAll(new WriterUnavailableError(`the store's writer thread could not open the store: ${message.message}`));
      return;
    }
    const p = pending.get(message.id);
    if (!p) return;
    pending.delete(message.id);
    clearTimeout(p.timer);
    if (message.ok) p.resolve(message.result);
    else if (message.code === "SQLITE_FULL") p.reject(new StoreFullError(dataDir));
    else p.reject(Object.assign(new Error(message.message), { code: message.code }));
  };

  const start = (): Running => {
    const now = Date.now();
    starts = starts.filter((t) => now - t < RESTART_WINDOW_MS);
    if (starts.length > MAX_RESTARTS) {
      throw new WriterUnavailableError(
        `the store's writer thread stopped ${starts.length} times in the last ${RESTART_WINDOW_MS / 1000} s; ingest is refused until it has been stable (see the server log)`,
      );
    }
    starts.push(now);
    const channel = new MessageChannel();
    const closedFlag = new SharedArrayBuffer(4);
    const worker = spawn({ dataDir, port: channel.port2, closed: closedFlag }, [channel.port2]);
    const running: Running = { worker, port: channel.port1, closed: new Int32Array(closedFlag), retired: false };
    channel.port1.on("message", onMessage);
    // Neither keeps the process alive; a batch waiting for its answer does (its timeout's timer).
    channel.port1.unref();
    worker.unref();
    let error: Error | undefined;
    worker.on("error", (err) => {
      error = err;
    });
    worker.on("exit", (code) => {
      channel.port1.close();
      if (current === running) current = null;
      if (running.retired) return;
      log().error(`the store's writer thread stopped (exit code ${code}); the next batch starts a new one`, {}, error);
      failAll(
        new WriterUnavailableError(`the store's writer thread stopped (exit code ${code}${error ? `: ${error.message}` : ""}); the batch may not be stored`, {
          cause: error,
        }),
      );
    });
    return running;
  };

  /** A writer that does not answer is replaced; what it held is failed. */
  const timedOut = (id: number) => {
    const p = pending.get(id);
    if (!p) return;
    const stuck = current;
    if (stuck) {
      stuck.retired = true;
      current = null;
      void stuck.worker.terminate();
    }
    log().error(`the store's writer thread did not answer within ${WRITE_TIMEOUT_MS} ms; starting a new one`);
    failAll(new WriterUnavailableError(`the store's writer thread did not answer within ${WRITE_TIMEOUT_MS / 1000} s; the batch may not be stored`));
  };

  return {
    write(batch) {
      if (closed) return Promise.reject(new WriterUnavailableError("the store is closed"));
      let running: Running;
      try {
        running = current ??= start();
      } catch (err) {
        return Promise.reject(err as Error);
      }
      const id = nextId++;
      return new Promise<WriteResult>((resolve, reject) => {
        const timer = setTimeout(() => timedOut(id), WRITE_TIMEOUT_MS);
        pending.set(id, { resolve, reject, timer });
        running.port.postMessage({ type: "write", id, batch } satisfies ToWriter);
      });
    },
    close() {
      if (closed) return;
      closed = true;
      const running = current;
      current = null;
      if (running) {
        running.retired = true;
        running.port.postMessage({ type: "close" } satisfies ToWriter);
        const outcome = Atomics.wait(running.closed, 0, 0, CLOSE_TIMEOUT_MS);
        // The answers to what was committed before the close: deliver them now (the event loop may not turn again).
        for (let m = receiveMessageOnPort(running.port); m; m = receiveMessageOnPort(running.port)) onMessage(m.message as FromWriter);
        if (outcome === "timed-out") {
          log().error(`the store's writer thread did not close within ${CLOSE_TIMEOUT_MS} ms`);
          void running.worker.terminate();
        }
      }
      failAll(new WriterUnavailableError("the store was closed before the batch was committed"));
    },
  };
}
