/**
 * The export file: a self-describing JSON document that import reads back. `sightlineSnapshot` is
 * the format's version; the file carries the capture's metadata and the payload, not the store's ID.
 */
import { z } from "zod";
import { payloadSchema } from "./payload-schema";
import type { NewSnapshot, Snapshot } from "./snapshot";
import { describeIssue, noteSchema, titleSchema } from "./snapshot-fields";

const EXPORT_VERSION = 1;

export interface SnapshotExport {
  sightlineSnapshot: typeof EXPORT_VERSION;
  id: string;
  title: string;
  note: string;
  createdAt: number;
  source: Snapshot["source"];
  capturedBy: string | null;
  payload: Snapshot["payload"];
}

const exportSchema = z.object({
  sightlineSnapshot: z.literal(EXPORT_VERSION, `must be ${EXPORT_VERSION} (the only snapshot format this Sightline reads)`),
  title: titleSchema,
  note: noteSchema,
  createdAt: z.number().finite().nonnegative(),
  source: z.enum(["local", "aws"]),
  capturedBy: z.string().max(200).nullable(),
  payload: payloadSchema,
});

export function toExport(snapshot: Snapshot): SnapshotExport {
  const { id, title, note, createdAt, source, capturedBy, payload } = snapshot;
  return { sightlineSnapshot: EXPORT_VERSION, id, title, note, createdAt, source, capturedBy, payload };
}

export type ImportResult = { ok: true; snapshot: NewSnapshot } | { ok: false; field: string; message: string };

/** Checks a parsed export file; on failure, names the first field that is wrong. */
export function fromExport(document: unknown): ImportResult {
  if (typeof document !== "object" || document === null || Array.isArray(document)) {
    return { ok: false, field: "body", message: "body: expected a Sightline snapshot export (a JSON object)" };
  }
  if (!("sightlineSnapshot" in document)) {
    return { ok: false, field: "sightlineSnapshot", message: "sightlineSnapshot: missing — this is not a Sightline snapshot export" };
  }
  const parsed = exportSchema.safeParse(document);
  if (!parsed.success) return { ok: false, ...describeIssue(parsed.error) };
  const { title, note, createdAt, source, capturedBy, payload } = parsed.data;
  return { ok: true, snapshot: { title, note, createdAt, source, capturedBy, payload } };
}
