/**
 * Endurance of the embedded store: (a) sustained OTLP ingest while the UI's API is read, (b) a
 * SIGKILL mid-ingest and a restart, (c) start-up with an unwritable DATA_DIR, (d) a full disk.
 */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { crashMidIngest } from "../endurance/crash";
import { fullDisk } from "../endurance/full-disk";
import { ingestWhileReading } from "../endurance/ingest-while-reading";
import { unwritableDataDir } from "../endurance/unwritable-data-dir";
import { RELIABILITY_PORTS } from "../ports";
import type { SuiteReport } from "../report";
import type { Suite } from "../suite";

const PORTS = RELIABILITY_PORTS.endurance;
const INGEST_SECONDS = Number(process.env.RELIABILITY_ENDURANCE_SECONDS ?? 15);
const SENDERS = 4;
const READERS = 4;

const suite: Suite = {
  id: "endurance",
  order: 30,
  fast: true,
  timeoutMs: 120_000,
  async run(): Promise<SuiteReport> {
    const started = Date.now();
    const work = mkdtempSync(path.join(os.tmpdir(), "sightline-endurance-"));
    try {
      const a = await ingestWhileReading({
        port: PORTS.localApp,
        dataDir: path.join(work, "ingest"),
        seconds: INGEST_SECONDS,
        senders: SENDERS,
        readers: READERS,
      });
      const b = await crashMidIngest({ port: PORTS.crashApp, dataDir: path.join(work, "crash"), senders: SENDERS });
      const c = await unwritableDataDir(PORTS.localApp);
      const d = await fullDisk(PORTS.diskApp);
      return {
        suite: "endurance",
        title: "Endurance: ingest while reading, SIGKILL, unwritable DATA_DIR, full disk",
        durationMs: Date.now() - started,
        checks: [...a.checks, ...b.checks, ...c.checks, ...d.checks],
        figures: [...a.figures, ...b.figures, ...(c.line ? [{ label: "unwritable DATA_DIR at start-up", value: c.line.trim() }] : []), ...d.figures],
        method:
          `Production build in local mode on ports ${PORTS.localApp}, ${PORTS.crashApp}, ${PORTS.diskApp}. ${SENDERS} senders post 512-span OTLP protobuf batches ` +
          `(bench/otlp-batches.ts) for ${INGEST_SECONDS} s while ${READERS} readers alternate GET /api/traces and GET /api/traces/{id} of acknowledged traces; ` +
          `then the same senders until 40 batches are acknowledged, SIGKILL, restart, every attempted trace read back; ` +
          `the app as nobody (setpriv) with a root-owned 0755 DATA_DIR; DATA_DIR on an 8 MB tmpfs with a 2 MB ballast, filled, then the ballast deleted.`,
        tally: {
          requestsUnderLoad: a.requestsUnderLoad,
          loadServed: a.loadServed,
          dataLost: a.dataLost + b.dataLost + d.dataLost,
        },
      };
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  },
};

export default suite;
