/**
 * Readiness (GET /api/ready): can this replica serve? `local`: the embedded store and the snapshot
 * store are open. `aws`: X-Ray and CloudWatch Logs answer with the configured credentials, checked
 * through a CachedProbe (at most one pair of AWS calls per READY_OK_TTL_MS per process, whatever
 * the probe rate). Liveness stays /api/health: the process answers.
 */
import "server-only";
import { config } from "../config";
import { isShuttingDown } from "../shutdown";
import { snapshotRepository } from "../snapshots/snapshot-store";
import { awsSource, getSource, localStore } from "../sources";
import { type AwsReachability, checkAwsReachable } from "./aws-reachability";
import { CachedProbe } from "./cached-probe";

const READY_OK_TTL_MS = 30_000;
const READY_FAIL_TTL_MS = 5_000;
/** One check's AWS calls at most: a probe must answer within a kubelet's few seconds. */
const READY_CALL_TIMEOUT_MS = 4_000;

export interface Readiness {
  ready: boolean;
  source: "local" | "aws";
  checks: { store?: boolean; snapshots?: boolean; aws?: AwsReachability; shuttingDown?: boolean };
  /** Epoch ms of the check (aws: the cached one). */
  checkedAt: number;
}

const cache = globalThis as typeof globalThis & { sightlineAwsProbe?: CachedProbe<AwsReachability> };

function snapshotsOpen(): boolean {
  try {
    snapshotRepository();
    return true;
  } catch {
    return false;
  }
}

export async function readiness(): Promise<Readiness> {
  const source = config().dataSource;
  // Draining after SIGTERM: take this replica out of the load balancer before it stops.
  if (isShuttingDown()) return { ready: false, source, checks: { shuttingDown: true }, checkedAt: Date.now() };
  getSource();
  const snapshots = snapshotsOpen();
  if (source === "local") {
    const store = localStore().isOpen;
    return { ready: store && snapshots, source, checks: { store, snapshots }, checkedAt: Date.now() };
  }
  const aws = awsSource();
  if (!aws) throw new Error("DATA_SOURCE=aws without an AWS source");
  cache.sightlineAwsProbe ??= new CachedProbe(() => checkAwsReachable(aws.clients, READY_CALL_TIMEOUT_MS), {
    okTtlMs: READY_OK_TTL_MS,
    failTtlMs: READY_FAIL_TTL_MS,
  });
  const probe = await cache.sightlineAwsProbe.get();
  return { ready: probe.ok && snapshots, source, checks: { aws: probe.detail, snapshots }, checkedAt: probe.checkedAt };
}
