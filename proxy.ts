/**
 * Runs before routing. Only one job: a path with a malformed %-escape gets a 400 naming it
 * (Next.js's router would answer a bare 500 — see lib/http/path-encoding.ts): JSON for the API
 * and the OTLP routes, a short page for the UI.
 */
import { NextResponse, type NextRequest } from "next/server";
import { errorBody } from "@/lib/http/api-error";
import { malformedPathMessage, malformedPathSegment } from "@/lib/http/path-encoding";

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function proxy(request: NextRequest): NextResponse {
  const pathname = new URL(request.url).pathname;
  const segment = malformedPathSegment(pathname);
  if (segment === null) return NextResponse.next();
  const message = malformedPathMessage(segment);
  if (pathname.startsWith("/api/") || pathname.startsWith("/v1/")) {
    return NextResponse.json(errorBody("invalid_path", message), { status: 400 });
  }
  const html = `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Malformed link · Sightline</title></head><body><main data-testid="path-error"><h1>Malformed link</h1><p>${escapeHtml(message)}</p></main></body></html>`;
  return new NextResponse(html, { status: 400, headers: { "content-type": "text/html; charset=utf-8" } });
}

export const config = {
  // Every path but the build's static assets (whose names never hold a %).
  matcher: ["/((?!_next/static|_next/image|favicon.ico).*)"],
};
