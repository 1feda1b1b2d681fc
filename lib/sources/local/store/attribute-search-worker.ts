/**
 * A search's attribute matches in a large trace (reader.ts spanIdsWithAttributeText), on a thread
 * and a connection of their own, asked by the outline query thread (outline-query-worker.ts) over a
 * MessagePort: a million spans' attributes are scanned while that thread reads and builds the
 * outline, on the other core, instead of after it.
 */
import { workerData } from "node:worker_threads";
import { openDatabase } from "./open-database";
import type { AttributeSearchWorkerData, FromAttributeSearch, ToAttributeSearch } from "./outline-query-protocol";
import { createReader } from "./reader";

const { dataDir, port } = workerData as AttributeSearchWorkerData;
const reader = createReader(openDatabase(dataDir));

port.on("message", ({ id, traceId, text }: ToAttributeSearch) => {
  let answer: FromAttributeSearch;
  try {
    answer = { id, ok: true, spanIds: [...reader.spanIdsWithAttributeText(traceId, text)] };
  } catch (err) {
    answer = { id, ok: false, message: err instanceof Error ? err.message : String(err) };
  }
  port.postMessage(answer);
});
