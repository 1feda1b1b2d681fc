/**
 * `npx tsx bench/ingest-phases.ts` — where one bench:ingest batch (512 spans) goes, in-process:
 * decode, prepareBatch, the hand-over's structured clone, and the write split by SQL statement
 * (every prepared statement's run/get/all timed), the commit (BEGIN/COMMIT and its fsync) and the
 * JavaScript between. 200 batches into an empty store; prints ms per batch; asserts nothing.
 */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type Database from "better-sqlite3";
import { decodeTraces } from "../lib/sources/local/otlp";
import { migrate } from "../lib/sources/local/store/migrations";
import { openDatabase } from "../lib/sources/local/store/open-database";
import { prepareBatch } from "../lib/sources/local/store/prepared-batch";
import { createWriter } from "../lib/sources/local/store/writer";
import { encodeBatch } from "./otlp-batches";

const BATCHES = Number(process.env.BATCHES ?? 200);
const now = Date.now() - 3_600_000;
const bodies = Array.from({ length: BATCHES + 1 }, (_, i) => encodeBatch(now + i).body);

const timed = <T>(f: () => T): [T, number] => {
  const t = performance.now();
  const r = f();
  return [r, performance.now() - t];
};

let decodeMs = 0;
let prepareMs = 0;
let cloneMs = 0;
const batches = bodies.map((body) => {
  const [batch, d] = timed(() => decodeTraces(body, "protobuf"));
  const [prepared, p] = timed(() => prepareBatch(batch));
  const [, c] = timed(() => structuredClone(prepared));
  decodeMs += d;
  prepareMs += p;
  cloneMs += c;
  return batch;
});

const bySql = new Map<string, number>();
function instrument(db: Database.Database): void {
  const prepare = db.prepare.bind(db);
  (db as { prepare: unknown }).prepare = (sql: string) => {
    const statement = prepare(sql);
    const label = sql.replace(/\s+/g, " ").trim().slice(0, 60);
    for (const method of ["run", "get", "all"] as const) {
      const original = statement[method].bind(statement) as (...args: unknown[]) => unknown;
      (statement as unknown as Record<string, unknown>)[method] = (...args: unknown[]) => {
        const t = performance.now();
        try {
          return original(...args);
        } finally {
          bySql.set(label, (bySql.get(label) ?? 0) + performance.now() - t);
        }
      };
    }
    return statement;
  };
}

function run(synchronous: string): void {
  bySql.clear();
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "sightline-phases-"));
  const db = openDatabase(dataDir);
  try {
    migrate(db);
    db.pragma(`synchronous = ${synchronous}`);
    instrument(db);
    const writer = createWriter(db);
    const prepared = batches.map(prepareBatch);
    writer.write(prepared[0]);
    bySql.clear();
    const t = performance.now();
    for (let i = 1; i < prepared.length; i++) writer.write(prepared[i]);
    const total = (performance.now() - t) / BATCHES;
    const statements = [...bySql.values()].reduce((a, b) => a + b, 0) / BATCHES;
    console.log(
      `\nwrite, synchronous=${synchronous}: ${total.toFixed(2)} ms a batch (${Math.round(512 / (total / 1000))} spans/s); statements ${statements.toFixed(2)} ms, the rest (JS, BEGIN/COMMIT) ${(total - statements).toFixed(2)} ms`,
    );
    for (const [sql, ms] of [...bySql].sort((a, b) => b[1] - a[1])) console.log(`  ${(ms / BATCHES).toFixed(3).padStart(7)} ms  ${sql}`);
  } finally {
    db.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

console.log(
  `per batch of 512 spans: decode ${(decodeMs / bodies.length).toFixed(2)} ms, prepareBatch ${(prepareMs / bodies.length).toFixed(2)} ms, structured clone of the prepared batch ${(cloneMs / bodies.length).toFixed(2)} ms; load ${os.loadavg()[0].toFixed(1)}`,
);
run("FULL");
run("OFF");
console.log(`load ${os.loadavg()[0].toFixed(1)}`);
