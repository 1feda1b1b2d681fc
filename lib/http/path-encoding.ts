/**
 * A URL path whose %-escapes do not decode (`/api/traces/%E0%A4%A`): Next.js's router fails to
 * decode such a dynamic segment and answers a bare "500 Internal Server Error" before any route
 * runs, so proxy.ts turns it into a 400 that says what was wrong.
 */

/** The first path segment that is not valid percent-encoded UTF-8, or null when all decode. */
export function malformedPathSegment(pathname: string): string | null {
  for (const segment of pathname.split("/")) {
    if (!segment.includes("%")) continue;
    try {
      decodeURIComponent(segment);
    } catch {
      return segment;
    }
  }
  return null;
}

export function malformedPathMessage(segment: string): string {
  return `path: the URL segment "${segment.slice(0, 80)}" has a malformed %-escape (each % must start a valid UTF-8 escape such as %2F); encode the ID with encodeURIComponent.`;
}
