/**
 * Readiness (GET /api/ready): can this replica serve? The configured source is ready (its own
 * check, Source.readiness: `local`, the embedded store is open; `aws`, X-Ray and CloudWatch Logs
 * answer with the configured credentials, cached so that probes cost at most one pair of AWS calls
 * per interval per process) and the snapshot store is open. With SNAPSHOT_STORE=s3://…, in either mode, the bucket answers too: one
 * ListObjectsV2 of one key, cached the same way. Liveness stays /api/health: the process answers.
 */
import "server-only";
import { config } from "../config";
import { isShuttingDown } from "../shutdown";
import type { SnapshotStoreReachability } from "../snapshots/s3-snapshot-repository";
import { s3SnapshotStore, snapshotRepository } from "../snapshots/snapshot-store";
import { getSource } from "../sources";
import { CachedProbe } from "./cached-probe";

const READY_OK_TTL_MS = 30_000;
const READY_FAIL_TTL_MS = 5_000;
/** One check's AWS calls at most: a probe must answer within a kubelet's few seconds. */
const READY_CALL_TIMEOUT_MS = 4_000;
const PROBE_TTLS = { okTtlMs: READY_OK_TTL_MS, failTtlMs: READY_FAIL_TTL_MS };

export interface Readiness {
  ready: boolean;
  source: "local" | "aws";
  /** The source's checks (`store`, or `aws`), then `snapshots` (and `snapshotStore` with S3); only `shuttingDown` while draining. */
  checks: Record<string, unknown> & { snapshots?: boolean; snapshotStore?: SnapshotStoreReachability; shuttingDown?: boolean };
  /** Epoch ms of the check (a cached one's, the oldest, when AWS or S3 was asked). */
  checkedAt: number;
}

const cache = globalThis as typeof globalThis & {
  sightlineSnapshotStoreProbe?: CachedProbe<SnapshotStoreReachability>;
};

/** The snapshot store: open, and with S3, reachable (cached). */
async function snapshotsReady(): Promise<{ ok: boolean; store?: SnapshotStoreReachability; checkedAt: number }> {
  try {
    snapshotRepository();
  } catch {
    return { ok: false, checkedAt: Date.now() };
  }
  const s3 = s3SnapshotStore();
  if (!s3) return { ok: true, checkedAt: Date.now() };
  cache.sightlineSnapshotStoreProbe ??= new CachedProbe(() => s3.checkReachable(READY_CALL_TIMEOUT_MS), PROBE_TTLS);
  const probe = await cache.sightlineSnapshotStoreProbe.get();
  return { ok: probe.ok, store: probe.detail, checkedAt: probe.checkedAt };
}

const snapshotChecks = (s: Awaited<ReturnType<typeof snapshotsReady>>) => ({ snapshots: s.ok, ...(s.store ? { snapshotStore: s.store } : {}) });

export async function readiness(): Promise<Readiness> {
  // Draining after SIGTERM: take this replica out of the load balancer before it stops.
  if (isShuttingDown()) return { ready: false, source: config().dataSource, checks: { shuttingDown: true }, checkedAt: Date.now() };
  const source = getSource();
  const [r, snapshots] = await Promise.all([source.readiness(), snapshotsReady()]);
  return {
    ready: r.ok && snapshots.ok,
    source: source.kind,
    checks: { ...r.checks, ...snapshotChecks(snapshots) },
    checkedAt: Math.min(r.checkedAt, snapshots.checkedAt),
  };
}
