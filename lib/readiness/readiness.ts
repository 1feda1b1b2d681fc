/**
 * Readiness (GET /api/ready): can this replica serve? `local`: the embedded store and the snapshot
 * store are open. `aws`: X-Ray and CloudWatch Logs answer with the configured credentials, checked
 * through a CachedProbe (at most one pair of AWS calls per READY_OK_TTL_MS per process, whatever
 * the probe rate). With SNAPSHOT_STORE=s3://…, in either mode, the bucket answers too: one
 * ListObjectsV2 of one key, cached the same way. Liveness stays /api/health: the process answers.
 */
import "server-only";
import { config } from "../config";
import { isShuttingDown } from "../shutdown";
import type { SnapshotStoreReachability } from "../snapshots/s3-snapshot-repository";
import { s3SnapshotStore, snapshotRepository } from "../snapshots/snapshot-store";
import { awsSource, getSource, localStore } from "../sources";
import { type AwsReachability, checkAwsReachable } from "./aws-reachability";
import { CachedProbe } from "./cached-probe";

const READY_OK_TTL_MS = 30_000;
const READY_FAIL_TTL_MS = 5_000;
/** One check's AWS calls at most: a probe must answer within a kubelet's few seconds. */
const READY_CALL_TIMEOUT_MS = 4_000;
const PROBE_TTLS = { okTtlMs: READY_OK_TTL_MS, failTtlMs: READY_FAIL_TTL_MS };

export interface Readiness {
  ready: boolean;
  source: "local" | "aws";
  checks: { store?: boolean; snapshots?: boolean; snapshotStore?: SnapshotStoreReachability; aws?: AwsReachability; shuttingDown?: boolean };
  /** Epoch ms of the check (a cached one's, the oldest, when AWS or S3 was asked). */
  checkedAt: number;
}

const cache = globalThis as typeof globalThis & {
  sightlineAwsProbe?: CachedProbe<AwsReachability>;
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
  const source = config().dataSource;
  // Draining after SIGTERM: take this replica out of the load balancer before it stops.
  if (isShuttingDown()) return { ready: false, source, checks: { shuttingDown: true }, checkedAt: Date.now() };
  getSource();
  const snapshotsChecked = snapshotsReady();
  if (source === "local") {
    const snapshots = await snapshotsChecked;
    const store = localStore().isOpen;
    return { ready: store && snapshots.ok, source, checks: { store, ...snapshotChecks(snapshots) }, checkedAt: snapshots.checkedAt };
  }
  const aws = awsSource();
  if (!aws) throw new Error("DATA_SOURCE=aws without an AWS source");
  cache.sightlineAwsProbe ??= new CachedProbe(() => checkAwsReachable(aws.clients, READY_CALL_TIMEOUT_MS), PROBE_TTLS);
  const [probe, snapshots] = await Promise.all([cache.sightlineAwsProbe.get(), snapshotsChecked]);
  return {
    ready: probe.ok && snapshots.ok,
    source,
    checks: { aws: probe.detail, ...snapshotChecks(snapshots) },
    checkedAt: Math.min(probe.checkedAt, snapshots.checkedAt),
  };
}
