import Database from "better-sqlite3";
import path from "node:path";
import type { Worker } from "node:worker_threads";
import { describe, expect, it } from "vitest";
import type { SpanRecord } from "../records";
import { DB_FILE_NAME } from "./open-database";
import { openStore } from "./store";
import { spawnWriterFromSource } from "../../../../test/store-workers-from-source";
import { batch, KEEP_EVERYTHING, log, span, spanId, tempDir, testStore, traceId } from "./test-helpers";
import { WriterUnavailableError, type SpawnWriter } from "./writer-thread";

const spans = (t: number, n: number) =>
  Array.from({ length: n }, (_, i) => span({ traceId: traceId(t), spanId: spanId(i + 1), parentSpanId: i === 0 ? null : spanId(1) }));

/** The writer's own spawner, keeping each worker it starts so a test can kill it. */
function trackedSpawner(): { spawn: SpawnWriter; workers: Worker[] } {
  const workers: Worker[] = [];
  return {
    workers,
    spawn: (data, transfer) => {
      const worker = spawnWriterFromSource(data, transfer);
      workers.push(worker);
      return worker;
    },
  };
}

describe("the store's writer thread", () => {
  it("commits batches in the order they were handed over, each answered after its commit", async () => {
    const store = testStore({ ...KEEP_EVERYTHING }, tempDir());
    const threaded = openStore({ dataDir: path.dirname(store.path), retention: KEEP_EVERYTHING, writerThread: spawnWriterFromSource });
    try {
      const results = await Promise.all(
        Array.from({ length: 30 }, (_, i) => threaded.ingest(batch({ spans: spans(i + 1, 3), logs: [log({ message: `batch ${i}` })] }))),
      );
      expect(results).toEqual(Array.from({ length: 30 }, () => ({ spans: 3, logs: 1 })));
      // Another connection sees every batch, in order (log IDs are assigned in insert order).
      const db = new Database(store.path, { readonly: true });
      const messages = db.prepare<[], { message: string }>("SELECT message FROM logs ORDER BY id").all();
      db.close();
      expect(messages.map((m) => m.message)).toEqual(Array.from({ length: 30 }, (_, i) => `batch ${i}`));
      expect(store.getTraceSpans(traceId(30))).toHaveLength(3);
    } finally {
      threaded.close();
    }
  });

  it("answers a batch that fails its error, and stores the batches after it", async () => {
    const store = openStore({ dataDir: tempDir(), retention: KEEP_EVERYTHING, writerThread: spawnWriterFromSource });
    try {
      const bad = batch({ spans: [span({ traceId: traceId(2), spanId: spanId(1), kind: "sideways" as SpanRecord["kind"] })] });
      const outcomes = await Promise.allSettled([store.ingest(batch({ spans: spans(1, 2) })), store.ingest(bad), store.ingest(batch({ spans: spans(3, 2) }))]);
      expect(outcomes.map((o) => o.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
      expect(String((outcomes[1] as PromiseRejectedResult).reason)).toMatch(/CHECK constraint failed/);
      expect(await store.ingest(batch({ spans: spans(4, 2) }))).toEqual({ spans: 2, logs: 0 });
      expect([1, 2, 3, 4].map((t) => store.getTraceSpans(traceId(t)).length)).toEqual([2, 0, 2, 2]);
    } finally {
      store.close();
    }
  });

  it("close() commits every batch handed over before it and answers them, synchronously", async () => {
    const dataDir = tempDir();
    const store = openStore({ dataDir, retention: KEEP_EVERYTHING, writerThread: spawnWriterFromSource });
    const answers = Array.from({ length: 40 }, (_, i) => store.ingest(batch({ spans: spans(i + 1, 8) })));
    store.close();
    expect(await Promise.all(answers)).toHaveLength(40);
    await expect(store.ingest(batch({ spans: spans(99, 1) }))).rejects.toThrow(WriterUnavailableError);

    const db = new Database(path.join(dataDir, DB_FILE_NAME), { readonly: true });
    const count = db.prepare<[], { n: number }>("SELECT count(*) AS n FROM spans").get();
    db.close();
    expect(count?.n).toBe(320);
  });

  it("answers the batches of a writer that dies, and starts a new writer for the next batch", async () => {
    const { spawn, workers } = trackedSpawner();
    const store = openStore({ dataDir: tempDir(), retention: KEEP_EVERYTHING, writerThread: spawn });
    try {
      await store.ingest(batch({ spans: spans(1, 2) }));
      const inFlight = store.ingest(batch({ spans: spans(2, 2) }));
      await workers[0].terminate();
      // Settled, one way or the other: never left waiting.
      await Promise.allSettled([inFlight]);
      expect(await store.ingest(batch({ spans: spans(3, 2) }))).toEqual({ spans: 2, logs: 0 });
      expect(workers).toHaveLength(2);
      expect(store.getTraceSpans(traceId(3))).toHaveLength(2);
    } finally {
      store.close();
    }
  });

  it("refuses at once, rather than restarting forever, a writer that keeps dying", async () => {
    const { spawn, workers } = trackedSpawner();
    const store = openStore({ dataDir: tempDir(), retention: KEEP_EVERYTHING, writerThread: spawn });
    try {
      for (let i = 0; i < 4; i++) {
        await store.ingest(batch({ spans: spans(i + 1, 1) }));
        await workers[i].terminate();
      }
      await expect(store.ingest(batch({ spans: spans(9, 1) }))).rejects.toThrow(/stopped 4 times in the last 60 s/);
      expect(workers).toHaveLength(4);
    } finally {
      store.close();
    }
  });

  it("lets readers read while it writes", async () => {
    const store = openStore({ dataDir: tempDir(), retention: KEEP_EVERYTHING, writerThread: spawnWriterFromSource });
    try {
      await store.ingest(batch({ spans: spans(1, 5) }));
      const writing = Array.from({ length: 20 }, (_, i) => store.ingest(batch({ spans: spans(i + 2, 200) })));
      expect(store.getTraceSpans(traceId(1))).toHaveLength(5);
      await Promise.all(writing);
      expect(store.getTraceSpans(traceId(21))).toHaveLength(200);
    } finally {
      store.close();
    }
  });
});
