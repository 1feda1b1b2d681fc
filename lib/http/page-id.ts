/**
 * The ID in a page path that takes one (`/trace/{id}`, `/s/{id}`), for the proxy to answer a
 * malformed one with HTTP 400 (NextResponse.next with a status): the page itself explains what is
 * accepted, but link checkers and monitors read the status, and a page can only choose 404
 * (notFound) or a redirect.
 */
import { isSnapshotId } from "../snapshots/snapshot-id";
import { parseTraceId } from "../trace-id";

/** The request header the proxy sets to the path as sent, for not-found pages (which get no params). */
export const PATH_HEADER = "x-sightline-path";

const PAGE_ID = /^\/(trace|s)\/([^/]+)\/?$/;

/** The page (`trace` or `s`) and its decoded ID, or null for any other path. */
export function pageId(pathname: string): { page: "trace" | "s"; id: string } | null {
  const match = PAGE_ID.exec(pathname);
  if (!match) return null;
  let id: string;
  try {
    id = decodeURIComponent(match[2]);
  } catch {
    id = match[2];
  }
  return { page: match[1] === "trace" ? "trace" : "s", id };
}

/** Whether the path is a trace or snapshot page whose ID is malformed. */
export function isMalformedPageId(pathname: string): boolean {
  const found = pageId(pathname);
  if (!found) return false;
  return found.page === "trace" ? !parseTraceId(found.id).ok : !isSnapshotId(found.id);
}
