import { NextResponse } from "next/server";
import { ApiError } from "@/lib/http/api-error";
import { requesterOf } from "@/lib/auth/identity-headers";
import { jsonRoute } from "@/lib/http/route-handler";
import { traceIdParam } from "@/lib/http/trace-id-param";
import { getSource } from "@/lib/sources";
import { methodNotAllowed } from "@/lib/http/method-not-allowed";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ traceId: string }> };

/** The longest a request may be held open waiting for news of a running logs search. */
const MAX_WAIT_MS = 5_000;

/** `?waitMs=`: a whole number of milliseconds, 0–5000; 0 (the default) answers at once. */
function parseWaitMs(params: URLSearchParams): number {
  const raw = params.get("waitMs");
  if (raw === null || raw === "") return 0;
  if (!/^\d+$/.test(raw.trim()) || Number(raw) > MAX_WAIT_MS) {
    throw new ApiError(400, "invalid_waitMs", `waitMs: must be a whole number of milliseconds from 0 to ${MAX_WAIT_MS}, got "${raw.slice(0, 40)}"`);
  }
  return Number(raw);
}

/**
 * The trace's logs. `?waitMs=`: while the source's search is running (aws), answer once its status
 * or statistics change, or after waitMs — a long poll; a source whose logs answer at once ignores it.
 */
export const GET = jsonRoute(async (request: Request, { params }: Context) => {
  const id = traceIdParam((await params).traceId);
  const waitMs = parseWaitMs(new URL(request.url).searchParams);
  const logs = await getSource().getTraceLogs(id, { waitMs, signal: request.signal, requester: requesterOf(request.headers) });
  return NextResponse.json(logs);
});

/** Cancels the trace's running logs search: `{ cancelled: false }` when none was running, or the source has no searches to cancel. */
export const DELETE = jsonRoute(async (_request: Request, { params }: Context) => {
  const id = traceIdParam((await params).traceId);
  const source = getSource();
  const cancelled = source.cancelTraceLogs ? await source.cancelTraceLogs(id) : false;
  return NextResponse.json({ cancelled });
});

const notAllowed = methodNotAllowed("GET", "DELETE");
export { notAllowed as POST, notAllowed as PUT, notAllowed as PATCH };
