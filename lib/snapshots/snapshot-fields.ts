/** The user-editable fields of a snapshot and their limits, shared by the API and the import. */
import { z } from "zod";

const TITLE_MAX = 200;
const NOTE_MAX = 10_000;

export const titleSchema = z.string().trim().min(1, "must not be empty").max(TITLE_MAX, `must be at most ${TITLE_MAX} characters`);

export const noteSchema = z.string().max(NOTE_MAX, `must be at most ${NOTE_MAX} characters`);

/** "payload.trace.spans.3.startTime: expected number, received string" — the first problem, by path. */
export function describeIssue(error: z.ZodError, prefix = ""): { field: string; message: string } {
  const issue = error.issues[0];
  const field = [prefix, ...issue.path.map(String)].filter(Boolean).join(".") || "body";
  return { field, message: `${field}: ${issue.message}` };
}
