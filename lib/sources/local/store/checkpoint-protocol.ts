/** The data and messages between checkpoint-thread.ts (the server's thread) and checkpoint-worker.ts. */

export interface CheckpointerData {
  dataDir: string;
  /** How often the worker folds the WAL into the database file. */
  intervalMs: number;
  /** One Int32, set to 1 by the worker once its connection is closed (the server waits on it). */
  closed: SharedArrayBuffer;
}

export type ToCheckpointer = { type: "close" };

/** A checkpoint failed (the worker goes on; the next one may succeed). */
export type FromCheckpointer = { type: "failed"; message: string };
