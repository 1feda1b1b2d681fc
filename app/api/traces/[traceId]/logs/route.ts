import { NextResponse } from "next/server";
import { ApiError } from "@/lib/http/api-error";
import { requesterOf } from "@/lib/auth/identity-headers";
import { jsonRoute } from "@/lib/http/route-handler";
import { traceIdParam } from "@/lib/http/trace-id-param";
import { awsSource, getSource } from "@/lib/sources";
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
 * The trace's logs. `?waitMs=` (aws source): while the search is running, answer once its status
 * or statistics change, or after waitMs — a long poll; the local store answers at once.
 */
export const GET = jsonRoute(async (request: Request, { params }: Context) => {
  const id = traceIdParam((await params).traceId);
  const waitMs = parseWaitMs(new URL(request.url).searchParams);
  const aws = awsSource();
  const logs = aws
    ? await aws.getTraceLogs(id, { waitMs, signal: request.signal, requester: requesterOf(request.headers) })
    : await getSource().getTraceLogs(id);
  return NextResponse.json(logs);
});

/** Cancels a running Logs Insights search for the trace (aws source); the local store has none. */
export const DELETE = jsonRoute(async (_request: Request, { params }: Context) => {
  const id = traceIdParam((await params).traceId);
  const aws = awsSource();
  const cancelled = aws ? await aws.cancelTraceLogs(id) : false;
  return NextResponse.json({ cancelled });
});

const notAllowed = methodNotAllowed("GET", "DELETE");
export { notAllowed as POST, notAllowed as PUT, notAllowed as PATCH };
