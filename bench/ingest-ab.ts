/**
 * `OLD_TREE=/tmp/old npx tsx bench/ingest-ab.ts` — the write path of another checkout against this
 * one, in-process: the bench:ingest batches (200 of 512 spans), decoded first, then written with
 * store.write on this thread, rounds alternating between the two trees so both see the same load.
 * Prints spans per wall second and per CPU second of each round, and the best and the median;
 * asserts nothing. Prepare the other tree with
 *   git archive <commit> lib bench test tsconfig.json package.json | tar -x -C /tmp/old && ln -s "$PWD/node_modules" /tmp/old/
 */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { decodeTraces } from "../lib/sources/local/otlp";
import * as newStore from "../lib/sources/local/store/store";
import { encodeBatch, SPANS_PER_BATCH } from "../bench/otlp-batches";
const OLD_TREE = process.env.OLD_TREE;
if (!OLD_TREE) throw new Error("OLD_TREE: the other checkout's folder (see the comment at the top)");
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a path known only at run time
const oldStore = require(path.join(OLD_TREE, "lib/sources/local/store/store")) as typeof newStore;
const RETENTION = { maxAgeMs: 1e15, maxBytes: Number.MAX_SAFE_INTEGER, intervalMs: 1e9 };
function round(mod: typeof newStore, batches: ReturnType<typeof decodeTraces>[]): [number, number] {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "sightline-ab-"));
  const store = mod.openStore({ dataDir, retention: RETENTION });
  try {
    store.write(batches[0]);
    const c = process.cpuUsage();
    const t = performance.now();
    for (let i = 1; i < batches.length; i++) store.write(batches[i]);
    const wall = performance.now() - t;
    const cpu = process.cpuUsage(c);
    const spans = (batches.length - 1) * SPANS_PER_BATCH;
    return [spans / (wall / 1000), spans / ((cpu.user + cpu.system) / 1e6)];
  } finally {
    store.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
const now = Date.now() - 3_600_000;
const batches = Array.from({ length: 201 }, (_, i) => decodeTraces(encodeBatch(now + i).body, "protobuf"));
const a: [number, number][] = [],
  b: [number, number][] = [];
for (let r = 0; r < Number(process.env.ROUNDS ?? 6); r++) {
  a.push(round(oldStore, batches));
  b.push(round(newStore, batches));
  console.log(
    `round ${r + 1}: other tree ${Math.round(a[r][0])} spans/s wall (${Math.round(a[r][1])} per CPU-second), this tree ${Math.round(b[r][0])} (${Math.round(b[r][1])}), load ${os.loadavg()[0].toFixed(2)}`,
  );
}
const best = (x: [number, number][], i: 0 | 1) => Math.max(...x.map((v) => v[i]));
const med = (x: [number, number][], i: 0 | 1) => x.map((v) => v[i]).sort((p, q) => p - q)[Math.floor(x.length / 2)];
for (const [name, f] of [
  ["best", best],
  ["median", med],
] as const) {
  console.log(
    `${name}: wall ${Math.round(f(a, 0))} → ${Math.round(f(b, 0))} spans/s (${(((f(b, 0) - f(a, 0)) / f(a, 0)) * 100).toFixed(1)} %), per CPU-second ${Math.round(f(a, 1))} → ${Math.round(f(b, 1))} (${(((f(b, 1) - f(a, 1)) / f(a, 1)) * 100).toFixed(1)} %)`,
  );
}
