/** The messages between writer-thread.ts (the server's thread) and writer-worker.ts (the writer). */
import type { MessagePort } from "node:worker_threads";
import type { PreparedBatch } from "./prepared-batch";
import type { WriteResult } from "./writer";

export interface WriterData {
  dataDir: string;
  /** Both directions: the server's end can be drained synchronously (receiveMessageOnPort) at close. */
  port: MessagePort;
  /** One Int32, set to 1 by the writer once its connection is closed (the server waits on it). */
  closed: SharedArrayBuffer;
}

export type ToWriter = { type: "write"; id: number; batch: PreparedBatch } | { type: "close" };

export type FromWriter =
  | { type: "written"; id: number; ok: true; result: WriteResult }
  | { type: "written"; id: number; ok: false; message: string; code: string | undefined }
  | { type: "failed"; message: string };
