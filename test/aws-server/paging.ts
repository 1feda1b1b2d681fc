/**
 * Opaque page tokens: the offset of the next page, bound to the request that produced it, so a
 * token replayed with another request (or tampered with) is rejected like AWS rejects it.
 */
import { createHash } from "node:crypto";
import { isObject } from "./input";

function fingerprint(scope: string, request: unknown): string {
  return createHash("sha256").update(scope).update(JSON.stringify(request)).digest("hex").slice(0, 16);
}

function encodePageToken(scope: string, request: unknown, offset: number): string {
  return Buffer.from(JSON.stringify({ o: offset, f: fingerprint(scope, request) })).toString("base64url");
}

/** The offset a token carries, or null when it is not a token of this request. */
function decodePageToken(scope: string, request: unknown, token: string): number | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(token, "base64url").toString("utf8"));
  } catch {
    return null;
  }
  if (!isObject(parsed)) return null;
  const { o, f } = parsed;
  if (typeof o !== "number" || !Number.isInteger(o) || o < 0) return null;
  return f === fingerprint(scope, request) ? o : null;
}

export interface Page<T> {
  items: T[];
  nextToken: string | undefined;
}

/** One page of `items` starting at the token's offset (or 0), `size` long. */
export function pageOf<T>(items: readonly T[], size: number, scope: string, request: unknown, token: string | undefined, invalid: () => Error): Page<T> {
  let offset = 0;
  if (token !== undefined) {
    const decoded = decodePageToken(scope, request, token);
    if (decoded === null || decoded > items.length) throw invalid();
    offset = decoded;
  }
  const end = offset + size;
  return {
    items: items.slice(offset, end),
    nextToken: end < items.length ? encodePageToken(scope, request, end) : undefined,
  };
}
