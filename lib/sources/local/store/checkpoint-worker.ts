/**
 * The checkpoint thread's entry (a worker_threads Worker started by checkpoint-thread.ts): its own
 * connection to the store, which every intervalMs copies the WAL's committed pages into the
 * database file (PRAGMA wal_checkpoint(PASSIVE): it waits for no one and blocks no one, so the
 * writer keeps appending while it runs). It never writes rows.
 */
import { parentPort, workerData } from "node:worker_threads";
import type Database from "better-sqlite3";
import type { CheckpointerData, FromCheckpointer, ToCheckpointer } from "./checkpoint-protocol";
import { openDatabase } from "./open-database";
import { closeAndSignal } from "./worker-closed-flag";

const { dataDir, intervalMs, closed } = workerData as CheckpointerData;
const flag = new Int32Array(closed);
const port = parentPort!;

let db: Database.Database;
try {
  db = openDatabase(dataDir);
} catch (err) {
  port.postMessage({ type: "failed", message: err instanceof Error ? err.message : String(err) } satisfies FromCheckpointer);
  throw err;
}

const timer = setInterval(() => {
  try {
    db.pragma("wal_checkpoint(PASSIVE)");
  } catch (err) {
    port.postMessage({ type: "failed", message: err instanceof Error ? err.message : String(err) } satisfies FromCheckpointer);
  }
}, intervalMs);

port.on("message", (message: ToCheckpointer) => {
  if (message.type !== "close") return;
  clearInterval(timer);
  closeAndSignal(db, flag, port);
});
