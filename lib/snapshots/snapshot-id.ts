/** Snapshot IDs: 128 random bits from the platform's CSPRNG, as 32 lowercase hex digits (unguessable). */
import { randomBytes } from "node:crypto";

const SNAPSHOT_ID = /^[0-9a-f]{32}$/;

export function newSnapshotId(): string {
  return randomBytes(16).toString("hex");
}

export function isSnapshotId(value: string): boolean {
  return SNAPSHOT_ID.test(value);
}
