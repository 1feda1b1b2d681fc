/**
 * Endurance (b): the server is SIGKILLed while senders post batches (as e2e/crash-safety.spec.ts,
 * with the protobuf batches of bench:ingest), then restarted on the same DATA_DIR: every
 * acknowledged span is there, every batch is whole or absent, and SQLite's integrity_check passes.
 */
import { rmSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { DB_FILE_NAME } from "../../../lib/sources/local/store/open-database";
import { check, fmt } from "../report";
import { startAppServer, stopChild, type AppServer } from "../processes";
import { waitForExit } from "../../../e2e/support/app-server";
import { lostSpans, missing, newLedger, sendUntil, spanCounts, SPANS_PER_TRACE } from "./otlp-sender";
import type { PartReport } from "./ingest-while-reading";

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
/** Acknowledged batches before the kill. */
const ACKED_BATCHES_BEFORE_KILL = 40;
const TRACES_PER_BATCH = 16;

export async function crashMidIngest(o: { port: number; dataDir: string; senders: number }): Promise<PartReport> {
  rmSync(o.dataDir, { recursive: true, force: true });
  const env = { DATA_DIR: o.dataDir, RETENTION_DAYS: "36500" };
  let app: AppServer | undefined;
  try {
    app = await startAppServer(o.port, env);
    const first = app;
    const ledger = newLedger();
    let killed = false;
    const senders = sendUntil(first.url, o.senders, ledger, () => killed);
    const deadline = Date.now() + 60_000;
    while (ledger.acknowledged.length < ACKED_BATCHES_BEFORE_KILL * TRACES_PER_BATCH && Date.now() < deadline) await sleep(10);
    first.process.kill("SIGKILL");
    killed = true;
    await senders;
    await waitForExit(first.process);
    const wasKilled = first.process.signalCode === "SIGKILL";

    app = await startAppServer(o.port, env);
    const { counts, errors } = await spanCounts(app.url, ledger.attempted);
    const lost = missing(ledger.acknowledged, counts);
    const batches: string[][] = [];
    for (let i = 0; i < ledger.attempted.length; i += TRACES_PER_BATCH) batches.push(ledger.attempted.slice(i, i + TRACES_PER_BATCH));
    const torn = batches.filter((b) => {
      const stored = b.filter((t) => counts.get(t) === SPANS_PER_TRACE).length;
      return stored !== 0 && stored !== b.length;
    });
    const partialTraces = ledger.attempted.filter((t) => counts.get(t) !== 0 && counts.get(t) !== SPANS_PER_TRACE);
    await stopChild(app.process);
    app = undefined;

    let integrity = "not run";
    try {
      const db = new Database(path.join(o.dataDir, DB_FILE_NAME), { readonly: true, fileMustExist: true });
      try {
        integrity = String(db.pragma("integrity_check", { simple: true }));
      } finally {
        db.close();
      }
    } catch (err) {
      integrity = `could not run: ${err instanceof Error ? err.message : String(err)}`;
    }
    const inFlight = ledger.attempted.length - ledger.acknowledged.length;
    return {
      checks: [
        check(
          `the server was SIGKILLed after ${fmt(ledger.acknowledged.length / TRACES_PER_BATCH)} acknowledged batches`,
          wasKilled && ledger.acknowledged.length >= ACKED_BATCHES_BEFORE_KILL * TRACES_PER_BATCH,
          `signal ${first.process.signalCode}, ${ledger.acknowledged.length} traces acknowledged`,
        ),
        check(
          `after the restart every acknowledged span is there (${fmt(ledger.acknowledged.length * SPANS_PER_TRACE)} spans)`,
          lost.length === 0 && errors.length === 0,
          `${lost.length} acknowledged traces incomplete; ${errors.join("; ")}`,
        ),
        check(
          `every batch is stored whole or not at all (${fmt(inFlight / TRACES_PER_BATCH)} batches in flight at the kill)`,
          torn.length === 0 && partialTraces.length === 0,
          `${torn.length} torn batches, ${partialTraces.length} partial traces`,
        ),
        check("the store opens cleanly after the kill (PRAGMA integrity_check = ok)", integrity === "ok", integrity),
      ],
      figures: [],
      requestsUnderLoad: 0,
      loadServed: 0,
      dataLost: lostSpans(ledger.acknowledged, counts),
    };
  } finally {
    if (app) await stopChild(app.process);
  }
}
