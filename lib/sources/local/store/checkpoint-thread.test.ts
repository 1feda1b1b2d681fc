import { existsSync, statSync } from "node:fs";
import { Worker } from "node:worker_threads";
import { describe, expect, it } from "vitest";
import { spawnCheckpointerFromSource, spawnWriterFromSource } from "../../../../test/store-workers-from-source";
import type { SpawnCheckpointer } from "./checkpoint-thread";
import { openStore, type Store } from "./store";
import { batch, KEEP_EVERYTHING, span, spanId, tempDir, traceId } from "./test-helpers";

const spans = (t: number, n: number) =>
  Array.from({ length: n }, (_, i) =>
    span({ traceId: traceId(t), spanId: spanId(i + 1), parentSpanId: i === 0 ? null : spanId(1), attributes: { "db.statement": "x".repeat(200) } }),
  );

/** Ingests 20 traces of 20 spans: a few hundred WAL frames, far below the writer's own autocheckpoint. */
async function ingestSome(store: Store): Promise<void> {
  for (let t = 1; t <= 20; t++) await store.ingest(batch({ spans: spans(t, 20) }));
}

async function waitFor(condition: () => boolean, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (condition()) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return condition();
}

describe("the store's checkpoint thread", () => {
  it("copies committed batches into the database file while the writer does not checkpoint", async () => {
    const store = openStore({
      dataDir: tempDir(),
      retention: KEEP_EVERYTHING,
      writerThread: spawnWriterFromSource,
      checkpointThread: spawnCheckpointerFromSource,
    });
    try {
      const before = statSync(store.path).size;
      await ingestSome(store);
      expect(await waitFor(() => statSync(store.path).size > before, 10_000)).toBe(true);
      expect(store.getTraceSpans(traceId(20))).toHaveLength(20);
    } finally {
      store.close();
    }
  });

  it("is what moves them: without it, the same batches stay in the WAL", async () => {
    const store = openStore({ dataDir: tempDir(), retention: KEEP_EVERYTHING, writerThread: spawnWriterFromSource });
    try {
      const before = statSync(store.path).size;
      await ingestSome(store);
      expect(await waitFor(() => statSync(store.path).size > before, 1_000)).toBe(false);
    } finally {
      store.close();
    }
  });

  it("lets close fold the whole WAL into the file (nothing holds it)", async () => {
    const store = openStore({
      dataDir: tempDir(),
      retention: KEEP_EVERYTHING,
      writerThread: spawnWriterFromSource,
      checkpointThread: spawnCheckpointerFromSource,
    });
    await ingestSome(store);
    const started = Date.now();
    store.close();
    expect(Date.now() - started).toBeLessThan(5_000);
    const wal = `${store.path}-wal`;
    expect(existsSync(wal) ? statSync(wal).size : 0).toBe(0);
    const reopened = openStore({ dataDir: store.path.replace(/\/[^/]+$/, ""), retention: KEEP_EVERYTHING });
    try {
      expect(reopened.getTraceSpans(traceId(7))).toHaveLength(20);
    } finally {
      reopened.close();
    }
  });

  it("is not needed: when it dies at start, ingest goes on and close does not wait for it", async () => {
    const dying: SpawnCheckpointer = () => new Worker("process.exit(3)", { eval: true });
    const store = openStore({ dataDir: tempDir(), retention: KEEP_EVERYTHING, writerThread: spawnWriterFromSource, checkpointThread: dying });
    await new Promise((r) => setTimeout(r, 300));
    await ingestSome(store);
    expect(store.getTraceSpans(traceId(3))).toHaveLength(20);
    const started = Date.now();
    store.close();
    expect(Date.now() - started).toBeLessThan(1_000);
  });
});
