/**
 * Graceful shutdown on SIGTERM (docker stop, a Kubernetes rollout, an ECS task stop):
 *
 * 1. Readiness turns 503 at once (isShuttingDown), so load balancers stop sending new requests.
 * 2. Next.js' own SIGTERM handler (server/lib/start-server, in `node server.js` and `next start`)
 *    stops accepting connections and waits for the requests in flight, then calls process.exit.
 * 3. That exit is held until Sightline's own state is put away: every running Logs Insights query
 *    stopped (StopQuery), the embedded store and the snapshot store checkpointed (WAL into the
 *    database file, truncated) and closed. Then the process exits with 0.
 * 4. Whatever is still running at SHUTDOWN_DEADLINE_MS is given up: the stores are closed all
 *    the same (synchronously, so no acknowledged write is lost) and the process exits with 0,
 *    within the 10 s that orchestrators give before SIGKILL (Kubernetes' default grace is 30 s,
 *    ECS' stopTimeout and docker stop's 10 s).
 *
 * NEXT_MANUAL_SIG_HANDLE must not be set: then Next.js would not close its server.
 */
import type Database from "better-sqlite3";
import { log } from "./log/logger";
import { flushSelfTracing } from "./self-tracing/self-tracing";

const SHUTDOWN_DEADLINE_MS = 9_000;

type ShutdownGlobal = typeof globalThis & {
  sightlineShutdown?: { installed: boolean; shuttingDown: boolean; startedAt: number };
  sightlineSource?: { close?: () => Promise<void> };
  /** The snapshot store (lib/snapshots/snapshot-store.ts): a database to close with SNAPSHOT_STORE=sqlite, nothing to close with S3. */
  sightlineSnapshots?: { db?: Database.Database };
  [key: symbol]: unknown;
};

const g = globalThis as ShutdownGlobal;
const STORES = Symbol.for("sightline.stores");

export function isShuttingDown(): boolean {
  return g.sightlineShutdown?.shuttingDown ?? false;
}

/** Checkpoints and closes every database this process opened. Synchronous: safe at any moment. */
function closeDatabases(): void {
  const stores = g[STORES] as Map<string, { close(): void }> | undefined;
  for (const store of stores?.values() ?? []) {
    try {
      store.close();
    } catch (err) {
      log().error("closing the store failed", {}, err);
    }
  }
  const snapshots = g.sightlineSnapshots?.db;
  if (snapshots?.open) {
    try {
      snapshots.pragma("wal_checkpoint(TRUNCATE)");
      snapshots.close();
    } catch (err) {
      log().error("closing the snapshot store failed", {}, err);
    }
  }
}

async function stopUpstreamWork(): Promise<void> {
  const source = g.sightlineSource;
  // The source's background work (aws: its running Logs Insights queries).
  if (source?.close) await source.close();
  // The spans of the last requests (self-tracing), at most a second's wait.
  await Promise.race([flushSelfTracing(), new Promise((resolve) => setTimeout(resolve, 1_000).unref())]);
}

export function installGracefulShutdown(deadlineMs = SHUTDOWN_DEADLINE_MS): void {
  if (g.sightlineShutdown?.installed) return;
  const state: { installed: boolean; shuttingDown: boolean; startedAt: number } = { installed: true, shuttingDown: false, startedAt: 0 };
  g.sightlineShutdown = state;
  if (process.env.NEXT_MANUAL_SIG_HANDLE) {
    log().warn("NEXT_MANUAL_SIG_HANDLE is set: SIGTERM will not close the server gracefully");
  }
  const realExit = process.exit.bind(process);
  let exiting = false;
  const finish = (why: string) => {
    if (exiting) return;
    exiting = true;
    closeDatabases();
    log().info(`shut down in ${Date.now() - state.startedAt} ms (${why})`);
    realExit(0);
  };

  process.once("SIGTERM", () => {
    state.shuttingDown = true;
    state.startedAt = Date.now();
    log().info("SIGTERM: finishing the requests in flight, then closing");
    const deadline = setTimeout(() => {
      log().warn(`requests still running after ${deadlineMs} ms: closing anyway`);
      finish("deadline");
    }, deadlineMs);
    deadline.unref();
    // Next.js exits once its server is closed and its requests answered: finish our work first.
    process.exit = ((_code?: number) => {
      void stopUpstreamWork()
        .catch((err: unknown) => log().error("stopping Logs Insights queries failed", {}, err))
        .finally(() => finish("requests drained"));
      return undefined as never;
    }) as typeof process.exit;
  });
}
