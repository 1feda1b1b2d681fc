/**
 * `npx tsx bench/decode-ab.ts` — OTLP protobuf decode, in-process, A/B: the wire reader
 * (production, lib/sources/local/otlp) against the protobufjs decoder it replaced
 * (test/otlp-protobufjs-oracle.ts), on bench:ingest's 512-span bodies (bench/otlp-batches.ts).
 * Rounds alternate old, new, old, new … so that machine load hits both alike; each round decodes
 * every body once. Prints the median ms per batch, the GC pause time and the garbage collected
 * per batch (v8.GCProfiler), with the load average. Checks first that the records are the same.
 */
import os from "node:os";
import v8 from "node:v8";
import { decodeTraces } from "../lib/sources/local/otlp";
import { spansFromProtobufjs } from "../test/otlp-protobufjs-oracle";
import { encodeBatch } from "./otlp-batches";

const BATCHES = Number(process.env.BATCHES ?? 100);
const ROUNDS = Number(process.env.ROUNDS ?? 10);
const now = Date.now() - 3_600_000;
const bodies = Array.from({ length: BATCHES }, (_, i) => encodeBatch(now + i * 1000).body);

const decoders = {
  protobufjs: (body: Uint8Array) => spansFromProtobufjs(body),
  "wire reader": (body: Uint8Array) => decodeTraces(body, "protobuf").spans,
};
type Name = keyof typeof decoders;

if (JSON.stringify(decoders.protobufjs(bodies[0])) !== JSON.stringify(decoders["wire reader"](bodies[0]))) {
  throw new Error("the two decoders disagree on the first body");
}

interface Figures {
  ms: number[];
  gcMs: number[];
  garbageMb: number[];
}
const empty = (): Figures => ({ ms: [], gcMs: [], garbageMb: [] });
const results: Record<Name, Figures> = { protobufjs: empty(), "wire reader": empty() };

function round(name: Name): void {
  const decode = decoders[name];
  const profiler = new v8.GCProfiler();
  profiler.start();
  let spans = 0;
  const t = performance.now();
  for (const body of bodies) spans += decode(body).length;
  const ms = performance.now() - t;
  const { statistics } = profiler.stop();
  if (spans !== BATCHES * 512) throw new Error(`${name}: ${spans} spans`);
  let gcUs = 0;
  let freed = 0;
  for (const gc of statistics) {
    gcUs += gc.cost;
    freed += gc.beforeGC.heapStatistics.usedHeapSize - gc.afterGC.heapStatistics.usedHeapSize;
  }
  results[name].ms.push(ms / BATCHES);
  results[name].gcMs.push(gcUs / 1000 / BATCHES);
  results[name].garbageMb.push(freed / 1e6 / BATCHES);
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function main(): void {
  // Warm-up: one round each, not counted.
  round("protobufjs");
  round("wire reader");
  results.protobufjs = empty();
  results["wire reader"] = empty();
  const loadBefore = os.loadavg()[0];
  for (let i = 0; i < ROUNDS; i++) {
    round(i % 2 === 0 ? "protobufjs" : "wire reader");
    round(i % 2 === 0 ? "wire reader" : "protobufjs");
  }
  console.log(
    `decode of a 512-span OTLP protobuf batch (${BATCHES} bodies × ${ROUNDS} rounds each, alternating); load ${loadBefore.toFixed(1)} → ${os.loadavg()[0].toFixed(1)}`,
  );
  for (const name of Object.keys(results) as Name[]) {
    const { ms, gcMs, garbageMb } = results[name];
    console.log(
      `  ${name.padEnd(12)} median ${median(ms).toFixed(2)} ms a batch (min ${Math.min(...ms).toFixed(2)}, max ${Math.max(...ms).toFixed(2)}), of which GC ${median(gcMs).toFixed(2)} ms; ${median(garbageMb).toFixed(2)} MB collected a batch; ${Math.round(512 / (median(ms) / 1000))} spans/s`,
    );
  }
}

main();
