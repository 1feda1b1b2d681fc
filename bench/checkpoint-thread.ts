/**
 * `npx tsx bench/checkpoint-thread.ts` — the writer's time a batch with and without the store's
 * checkpoint thread (checkpoint-thread.ts), in-process: BATCHES prepared bench:ingest batches
 * (512 spans) written one transaction each, synchronous=FULL, in alternating rounds of
 * - `writer`: the writer checkpoints itself (wal_autocheckpoint, as without the thread),
 * - `thread`: the checkpoint thread runs beside it (the writer keeps its autocheckpoint),
 * - `none`: nobody checkpoints (a bound: the WAL only grows).
 * Prints ms a batch of the writer and the process's CPU a batch (all threads); asserts nothing.
 */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { decodeTraces } from "../lib/sources/local/otlp";
import { startCheckpointThread } from "../lib/sources/local/store/checkpoint-thread";
import { migrate } from "../lib/sources/local/store/migrations";
import { openDatabase } from "../lib/sources/local/store/open-database";
import { prepareBatch } from "../lib/sources/local/store/prepared-batch";
import { createWriter } from "../lib/sources/local/store/writer";
import { spawnCheckpointerFromSource } from "../test/store-workers-from-source";
import { encodeBatch } from "./otlp-batches";

type Mode = "writer" | "thread" | "none";

const BATCHES = Number(process.env.BATCHES ?? 1000);
const ROUNDS = Number(process.env.ROUNDS ?? 2);
const now = Date.now() - 3_600_000;
const prepared = Array.from({ length: BATCHES }, (_, i) => prepareBatch(decodeTraces(encodeBatch(now + i).body, "protobuf")));

async function run(mode: Mode): Promise<void> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "sightline-checkpoint-bench-"));
  const db = openDatabase(dataDir);
  migrate(db);
  if (mode === "none") db.pragma("wal_autocheckpoint = 0");
  const checkpointer = mode === "thread" ? startCheckpointThread(dataDir, undefined, spawnCheckpointerFromSource) : null;
  // Let the thread start (tsx compiles its entry) before the clock does.
  if (checkpointer) await new Promise((r) => setTimeout(r, 1000));
  const writer = createWriter(db);
  const cpuBefore = process.cpuUsage();
  const t = performance.now();
  for (let i = 0; i < prepared.length; i++) {
    writer.write(prepared[i]);
    // The thread's messages (its progress) arrive between batches, as between requests in the server.
    if (i % 16 === 15) await new Promise((r) => setImmediate(r));
  }
  const ms = (performance.now() - t) / BATCHES;
  const cpu = process.cpuUsage(cpuBefore);
  checkpointer?.close();
  db.close();
  rmSync(dataDir, { recursive: true, force: true });
  console.log(
    `${mode.padEnd(6)}: ${ms.toFixed(2)} ms a batch (${Math.round(512 / (ms / 1000))} spans/s), CPU ${((cpu.user + cpu.system) / 1000 / BATCHES).toFixed(2)} ms a batch; load ${os.loadavg()[0].toFixed(1)}`,
  );
}

async function main() {
  console.log(`${BATCHES} batches of 512 spans, synchronous=FULL, ${ROUNDS} rounds`);
  for (let r = 0; r < ROUNDS; r++) for (const mode of ["writer", "thread", "none"] as const) await run(mode);
}

void main();
