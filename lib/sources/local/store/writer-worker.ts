/**
 * The writer thread's entry (a worker_threads Worker started by writer-thread.ts): its own
 * connection to the store, the only one that ingest writes through. It takes every batch waiting
 * on its port at once and commits them together (writer.ts writeGroup), answering each batch after
 * the commit. A `close` message is answered after the batches sent before it are committed.
 */
import { receiveMessageOnPort, workerData, type MessagePort } from "node:worker_threads";
import type Database from "better-sqlite3";
import { openDatabase } from "./open-database";
import type { PreparedBatch } from "./prepared-batch";
import { createWriter, type Writer } from "./writer";
import { closeAndSignal } from "./worker-closed-flag";
import type { ToWriter, WriterData, FromWriter } from "./writer-protocol";

const { dataDir, port, closed } = workerData as WriterData;
const flag = new Int32Array(closed);

function errorReply(id: number, err: unknown): FromWriter {
  const code = typeof err === "object" && err !== null ? (err as { code?: unknown }).code : undefined;
  return { type: "written", id, ok: false, message: err instanceof Error ? err.message : String(err), code: typeof code === "string" ? code : undefined };
}

let db: Database.Database;
let writer: Writer;
try {
  db = openDatabase(dataDir);
  writer = createWriter(db);
} catch (err) {
  port.postMessage({ type: "failed", message: err instanceof Error ? err.message : String(err) } satisfies FromWriter);
  port.close();
  throw err;
}

function commit(ids: number[], batches: PreparedBatch[]): void {
  if (batches.length === 0) return;
  const outcomes = writer.writeGroup(batches);
  outcomes.forEach((outcome, i) => {
    port.postMessage(outcome.ok ? ({ type: "written", id: ids[i], ok: true, result: outcome.result } satisfies FromWriter) : errorReply(ids[i], outcome.error));
  });
}

function close(): void {
  closeAndSignal(db, flag, port);
}

(port as MessagePort).on("message", (first: ToWriter) => {
  const ids: number[] = [];
  const batches: PreparedBatch[] = [];
  let message: ToWriter | undefined = first;
  while (message) {
    if (message.type === "close") {
      commit(ids, batches);
      close();
      return;
    }
    ids.push(message.id);
    batches.push(message.batch);
    message = receiveMessageOnPort(port)?.message as ToWriter | undefined;
  }
  commit(ids, batches);
});
