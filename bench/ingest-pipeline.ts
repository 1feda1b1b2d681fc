/**
 * `npx tsx bench/ingest-pipeline.ts` — the ingest path in-process, without HTTP: the bench:ingest
 * batches (512 spans) decoded and written with the writer on the decoding thread, then with the
 * writer on its own thread (4 batches in flight, as bench:ingest's 4 senders), alternating rounds
 * so both see the same machine load. Prints spans/s per round; asserts nothing.
 */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { decodeTraces } from "../lib/sources/local/otlp";
import { openStore } from "../lib/sources/local/store/store";
import { spawnWriterFromSource } from "../test/store-workers-from-source";
import { encodeBatch, SPANS_PER_BATCH } from "./otlp-batches";
import { median } from "./segments-convert";

const BATCHES = 200;
const ROUNDS = 3;
const IN_FLIGHT = 4;
const RETENTION = { maxAgeMs: 1e15, maxBytes: Number.MAX_SAFE_INTEGER, intervalMs: 1e9 };

async function round(threaded: boolean, bodies: readonly Uint8Array[]): Promise<number> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "sightline-pipeline-"));
  const store = openStore({ dataDir, retention: RETENTION, writerThread: threaded ? spawnWriterFromSource : false });
  try {
    // Warm-up: the writer thread started, statements prepared.
    await store.ingest(decodeTraces(bodies[0], "protobuf"));
    const t = performance.now();
    if (threaded) {
      let next = 1;
      const sender = async () => {
        while (next < bodies.length) await store.ingest(decodeTraces(bodies[next++], "protobuf"));
      };
      await Promise.all(Array.from({ length: IN_FLIGHT }, sender));
    } else {
      for (let i = 1; i < bodies.length; i++) store.write(decodeTraces(bodies[i], "protobuf"));
    }
    return ((bodies.length - 1) * SPANS_PER_BATCH) / ((performance.now() - t) / 1000);
  } finally {
    store.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function main() {
  const now = Date.now() - 3_600_000;
  const bodies = Array.from({ length: BATCHES + 1 }, (_, i) => encodeBatch(now + i).body);
  const inline: number[] = [];
  const threaded: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    inline.push(await round(false, bodies));
    threaded.push(await round(true, bodies));
    console.log(`round ${r + 1}: writer on the decoding thread ${Math.round(inline[r])} spans/s, on its own thread ${Math.round(threaded[r])} spans/s`);
  }
  const a = median(inline);
  const b = median(threaded);
  console.log(
    `median of ${ROUNDS}: ${Math.round(a)} → ${Math.round(b)} spans/s (×${(b / a).toFixed(2)}), ${BATCHES} batches of ${SPANS_PER_BATCH} spans, load average ${os.loadavg()[0].toFixed(1)}`,
  );
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
