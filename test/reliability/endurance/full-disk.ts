/**
 * Endurance (d): DATA_DIR on a small tmpfs (8 MB) with a 2 MB ballast file; batches are posted until
 * the disk is full. Ingest must then answer 503 (retryable for OTLP exporters) with Retry-After and
 * a message saying the disk is full; the server must not crash and must go on serving reads, every
 * span acknowledged before must stay readable, and once the ballast is deleted ingest must work
 * again. Needs `mount` (root): without it the check fails, saying so.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, rmdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { check, fmt, type Check } from "../report";
import { startAppServer, stopChild, type AppServer } from "../processes";
import { lostSpans, missing, newLedger, postBatch, spanCounts, SPANS_PER_TRACE } from "./otlp-sender";
import type { PartReport } from "./ingest-while-reading";

const TMPFS_MB = 8;
const BALLAST_MB = 2;
/** Batches of 512 spans take about 0.5 MB each: 8 MB is full long before this. */
const MAX_BATCHES = 200;

function run(cmd: string, args: string[]): string | null {
  try {
    execFileSync(cmd, args, { stdio: "pipe" });
    return null;
  } catch (err) {
    const e = err as { stderr?: Buffer; message: string };
    return (e.stderr?.toString().trim() || e.message).slice(0, 300);
  }
}

export async function fullDisk(port: number): Promise<PartReport> {
  const mountPoint = mkdtempSync(path.join(os.tmpdir(), "sightline-full-disk-"));
  const mountError = run("mount", ["-t", "tmpfs", "-o", `size=${TMPFS_MB}m`, "tmpfs", mountPoint]);
  if (mountError) {
    rmdirSync(mountPoint);
    return {
      checks: [
        check(`a full disk under DATA_DIR is reported and survived (tmpfs of ${TMPFS_MB} MB)`, false, `cannot mount a tmpfs (needs root): ${mountError}`),
      ],
      figures: [],
      requestsUnderLoad: 0,
      loadServed: 0,
      dataLost: 0,
    };
  }
  let app: AppServer | undefined;
  try {
    const dataDir = path.join(mountPoint, "data");
    const ballast = path.join(mountPoint, "ballast");
    writeFileSync(ballast, Buffer.alloc(BALLAST_MB * 1024 * 1024, 1));
    app = await startAppServer(port, { DATA_DIR: dataDir, RETENTION_DAYS: "36500" });
    const base = app.url;
    const ledger = newLedger();
    let full: Awaited<ReturnType<typeof postBatch>> | undefined;
    let batches = 0;
    while (batches < MAX_BATCHES) {
      const answer = await postBatch(base, ledger);
      batches++;
      if (answer.status !== 200) {
        full = answer;
        break;
      }
    }
    const checks: Check[] = [];
    const message = (full?.body ?? "").replace(/[^\x20-\x7e]/g, "");
    checks.push(
      check(
        `ingest into a full disk answers 503 with Retry-After and says the disk is full (after ${fmt(ledger.acknowledged.length / 16)} batches)`,
        full !== undefined && full.status === 503 && full.retryAfter !== null && /disk.*full/i.test(message) && message.includes(dataDir),
        full
          ? `status ${full.status}, Retry-After ${full.retryAfter}, message: ${message.slice(0, 200)}`
          : `${MAX_BATCHES} batches taken: the disk never filled`,
      ),
    );
    // A few more attempts while full: refused with 503, or — when the failed batch's rollback left
    // room for a smaller one — taken with 200 (its spans join the ledger, checked readable below);
    // never another error, and the server stays up.
    const again = [await postBatch(base, ledger), await postBatch(base, ledger)];
    const alive = app.process.exitCode === null && app.process.signalCode === null;
    const health = await fetch(`${base}/api/health`).then(
      (r) => r.status,
      () => 0,
    );
    const list = await fetch(`${base}/api/traces?limit=10`).then(
      (r) => r.status,
      () => 0,
    );
    checks.push(
      check(
        "the server keeps running and serving reads while the disk is full",
        alive && health === 200 && list === 200 && again.every((a) => a.status === 503 || a.status === 200),
        `alive ${alive}, /api/health ${health}, /api/traces ${list}, later ingest ${again.map((a) => a.status).join(", ")}`,
      ),
    );
    const before = [...ledger.acknowledged];
    const { counts, errors } = await spanCounts(base, before);
    const lost = missing(before, counts);
    checks.push(
      check(
        `every span acknowledged before the disk filled is readable while it is full (${fmt(before.length * SPANS_PER_TRACE)} spans)`,
        lost.length === 0 && errors.length === 0,
        `${lost.length} traces incomplete; ${errors.join("; ")}`,
      ),
    );
    rmSync(ballast);
    const after = newLedger();
    // Four batches of about 0.35 MB each into the 2 MB freed: the room the full disk's WAL held must
    // come back too (wal-room.ts), or the first is taken and the rest refused again.
    const resumed = [];
    for (let i = 0; i < 4; i++) resumed.push(await postBatch(base, after));
    const { counts: afterCounts } = await spanCounts(base, after.acknowledged);
    checks.push(
      check(
        `after ${BALLAST_MB} MB are freed, ingest works again and what it acknowledges is readable`,
        resumed.every((a) => a.status === 200) && missing(after.acknowledged, afterCounts).length === 0,
        resumed.map((a) => `${a.status} ${a.body.replace(/[^\x20-\x7e]/g, "").slice(0, 120)}`).join("; "),
      ),
    );
    const refusals = app
      .output()
      .split("\n")
      .filter((l) => l.includes("refused"));
    return {
      checks,
      figures: [
        {
          label: "full disk",
          value: `${TMPFS_MB} MB tmpfs full after ${fmt(ledger.acknowledged.length * SPANS_PER_TRACE)} spans acknowledged; server log: ${refusals[0] ?? "(nothing)"}`,
        },
      ],
      requestsUnderLoad: 0,
      loadServed: 0,
      dataLost: lostSpans(before, counts) + lostSpans(after.acknowledged, afterCounts),
    };
  } finally {
    if (app) await stopChild(app.process);
    const err = run("umount", [mountPoint]);
    if (!err) rmdirSync(mountPoint);
  }
}
