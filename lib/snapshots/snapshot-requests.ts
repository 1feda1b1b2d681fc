/**
 * Parsing of the snapshot API's requests. Every rejection is an ApiError(400) naming the field.
 */
import { z } from "zod";
import { mayManageSnapshots, signedInUser } from "../auth/identity-headers";
import { ApiError } from "../http/api-error";
import { readBody } from "../http/read-body";
import { traceIdParam } from "../http/trace-id-param";
import type { ParsedTraceId } from "../trace-id";
import { describeIssue, noteSchema, titleSchema } from "./snapshot-fields";
import { isSnapshotId } from "./snapshot-id";

const bad = (field: string, message: string) => new ApiError(400, `invalid_${field}`, message);

/** Create and rename bodies are a few hundred bytes; an import is a whole trace with its logs. */
const SMALL_BODY_BYTES = 64 * 1024;
/** Largest snapshot file an import takes (next.config.js lets proxied bodies this large through whole). */
export const IMPORT_MAX_BYTES = 16 * 1024 * 1024;

export async function readJsonBody(request: Request, limit = SMALL_BODY_BYTES, setting = "64 KiB for this route"): Promise<unknown> {
  const text = Buffer.from(await readBody(request, limit, setting)).toString("utf8");
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw bad("body", "body: expected a JSON document");
  }
}

function parse<T>(schema: z.ZodType<T>, body: unknown): T {
  const r = schema.safeParse(body);
  if (r.success) return r.data;
  const { field, message } = describeIssue(r.error);
  throw bad(field, message);
}

const createSchema = z.object({ traceId: z.string().min(1, "must not be empty"), title: titleSchema, note: noteSchema.default("") });

export function parseCreateBody(body: unknown): { traceId: ParsedTraceId; title: string; note: string } {
  const { traceId, title, note } = parse(createSchema, body);
  return { traceId: traceIdParam(traceId), title, note };
}

const patchSchema = z
  .object({ title: titleSchema.optional(), note: noteSchema.optional() })
  .refine((p) => p.title !== undefined || p.note !== undefined, "give title, note or both");

export function parsePatchBody(body: unknown): { title?: string; note?: string } {
  return parse(patchSchema, body);
}

/** The `{id}` path segment, or a 400. */
export function snapshotIdParam(raw: string): string {
  if (!isSnapshotId(raw)) throw bad("snapshot_id", "Malformed snapshot ID: expected 32 lowercase hex digits.");
  return raw;
}

export function snapshotNotFound(id: string): ApiError {
  return new ApiError(404, "snapshot_not_found", `No snapshot ${id}: it was deleted, or the link is wrong.`);
}

/** Who captures a snapshot: the user proxy.ts signed in (AUTH_MODE basic, proxy or alb), never a header the client chose; null when none is. */
export const capturedByFrom = (headers: Headers): string | null => signedInUser(headers);

/** Listing, renaming and deleting snapshots: a signed-in user's (or a loopback server's) business. */
export function requireSnapshotManager(headers: Headers, action: "list" | "rename" | "delete"): void {
  if (mayManageSnapshots(headers)) return;
  const what = action === "list" ? "Listing snapshots" : action === "rename" ? "Renaming a snapshot" : "Deleting a snapshot";
  throw new ApiError(
    403,
    "snapshot_management_forbidden",
    `${what} needs a signed-in user (AUTH_MODE=basic, proxy or alb); a snapshot's link opens it without one.`,
  );
}
