/**
 * Readiness (GET /api/ready): can this replica serve? The configured source is ready (its own
 * check, Source.readiness: `local`, the embedded store is open; `aws`, X-Ray and CloudWatch Logs
 * answer with the configured credentials, cached so that probes cost at most one pair of AWS calls
 * per interval per process) and the snapshot store is open. Liveness stays /api/health: the process
 * answers.
 */
import "server-only";
import { config } from "../config";
import { isShuttingDown } from "../shutdown";
import { snapshotRepository } from "../snapshots/snapshot-store";
import { getSource } from "../sources";

export interface Readiness {
  ready: boolean;
  source: "local" | "aws";
  /** The source's checks (`store`, or `aws`), then `snapshots`; only `shuttingDown` while draining. */
  checks: Record<string, unknown> & { snapshots?: boolean; shuttingDown?: boolean };
  /** Epoch ms of the check (aws: the cached one). */
  checkedAt: number;
}

function snapshotsOpen(): boolean {
  try {
    snapshotRepository();
    return true;
  } catch {
    return false;
  }
}

export async function readiness(): Promise<Readiness> {
  // Draining after SIGTERM: take this replica out of the load balancer before it stops.
  if (isShuttingDown()) return { ready: false, source: config().dataSource, checks: { shuttingDown: true }, checkedAt: Date.now() };
  const source = getSource();
  const snapshots = snapshotsOpen();
  const r = await source.readiness();
  return { ready: r.ok && snapshots, source: source.kind, checks: { ...r.checks, snapshots }, checkedAt: r.checkedAt };
}
