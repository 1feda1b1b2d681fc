/**
 * The outline builder's thread (a worker_threads Worker started by outline-builder.ts): its own
 * connection to the store; for each trace ID it is sent, reads the trace lean, builds its outline
 * and stores it (outline-store.ts), then answers with the span count built from and the time taken.
 */
import { parentPort, workerData } from "node:worker_threads";
import { openDatabase } from "./open-database";
import type { OutlineBuilt, OutlineWorkerData } from "./outline-builder";
import { createOutlineStore } from "./outline-store";

const { dataDir } = workerData as OutlineWorkerData;
const db = openDatabase(dataDir);
const outlines = createOutlineStore(db);

parentPort!.on("message", (traceId: string) => {
  const t0 = performance.now();
  let reply: OutlineBuilt;
  try {
    reply = { traceId, ok: true, spans: outlines.build(traceId), ms: Math.round(performance.now() - t0) };
  } catch (err) {
    reply = { traceId, ok: false, spans: 0, ms: Math.round(performance.now() - t0), message: err instanceof Error ? err.message : String(err) };
  }
  parentPort!.postMessage(reply);
});
