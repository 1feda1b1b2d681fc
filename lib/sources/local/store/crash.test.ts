import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { batch, KEEP_EVERYTHING, span, spanId, tempDir, testStore, traceId } from "./test-helpers";

describe("a process killed right after write() returns", () => {
  it("leaves the batch in the store", () => {
    const dataDir = tempDir();
    const written = batch({
      spans: [span({ traceId: traceId(1), spanId: spanId(1) }), span({ traceId: traceId(1), spanId: spanId(2), parentSpanId: spanId(1) })],
    });
    // The child writes, then dies without closing the database: no checkpoint, no cleanup.
    const child = `
      const { openStore } = require(${JSON.stringify(path.join(import.meta.dirname, "store.ts"))});
      const store = openStore(JSON.parse(process.env.STORE_OPTIONS));
      store.write(JSON.parse(process.env.BATCH));
      process.kill(process.pid, "SIGKILL");
    `;
    const run = spawnSync(process.execPath, ["--import", "tsx", "-e", child], {
      encoding: "utf8",
      env: {
        ...process.env,
        STORE_OPTIONS: JSON.stringify({ dataDir, retention: KEEP_EVERYTHING }),
        BATCH: JSON.stringify(written),
      },
    });
    expect(run.signal, run.stderr).toBe("SIGKILL");

    const store = testStore(KEEP_EVERYTHING, dataDir);
    expect(store.getTraceSpans(traceId(1)).map((s) => s.spanId)).toEqual([spanId(1), spanId(2)]);
    expect(store.findTraces({ from: 0, to: Date.now(), limit: 10 })[0]).toMatchObject({ spanCount: 2 });
  });

  it("leaves the batch in the store when ingest's promise resolved on the writer thread", () => {
    const dataDir = tempDir();
    const written = batch({
      spans: [span({ traceId: traceId(2), spanId: spanId(1) }), span({ traceId: traceId(2), spanId: spanId(2), parentSpanId: spanId(1) })],
    });
    // Killed the moment the writer thread has answered: the batch must already be committed.
    const child = `
      const { openStore } = require(${JSON.stringify(path.join(import.meta.dirname, "store.ts"))});
      const { spawnWriterFromSource } = require(${JSON.stringify(path.join(import.meta.dirname, "../../../../test/store-workers-from-source.ts"))});
      const store = openStore({ ...JSON.parse(process.env.STORE_OPTIONS), writerThread: spawnWriterFromSource });
      store.ingest(JSON.parse(process.env.BATCH)).then(() => process.kill(process.pid, "SIGKILL"));
    `;
    const run = spawnSync(process.execPath, ["--import", "tsx", "-e", child], {
      encoding: "utf8",
      env: { ...process.env, STORE_OPTIONS: JSON.stringify({ dataDir, retention: KEEP_EVERYTHING }), BATCH: JSON.stringify(written) },
    });
    expect(run.signal, run.stderr).toBe("SIGKILL");

    const store = testStore(KEEP_EVERYTHING, dataDir);
    expect(store.getTraceSpans(traceId(2)).map((s) => s.spanId)).toEqual([spanId(1), spanId(2)]);
  });
});
