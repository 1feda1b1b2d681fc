/**
 * How the store's worker threads (writer-worker.ts, checkpoint-worker.ts) tell the server's thread
 * they are done: close the connection, then set the shared flag to 1 and wake the thread waiting on
 * it (Atomics.wait in their close(), which may run from process.exit), whatever the close threw.
 */
import type { MessagePort } from "node:worker_threads";
import type Database from "better-sqlite3";

export function closeAndSignal(db: Database.Database, flag: Int32Array, port: Pick<MessagePort, "close">): void {
  try {
    db.close();
  } finally {
    Atomics.store(flag, 0, 1);
    Atomics.notify(flag, 0);
    port.close();
  }
}
