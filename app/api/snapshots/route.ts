import { NextResponse } from "next/server";
import { ApiError } from "@/lib/http/api-error";
import { refuseTooLarge, refuseTooLargeToRead } from "@/lib/http/require-trace";
import { jsonRoute } from "@/lib/http/route-handler";
import { captureTrace } from "@/lib/snapshots/capture";
import { capturedByFrom, parseCreateBody, readJsonBody, requireSnapshotManager } from "@/lib/snapshots/snapshot-requests";
import { snapshotRepository } from "@/lib/snapshots/snapshot-store";
import { getSource } from "@/lib/sources";
import { methodNotAllowed } from "@/lib/http/method-not-allowed";

export const dynamic = "force-dynamic";

/** A Logs Insights search gets this long to settle before the snapshot keeps what it has. */
const LOGS_WAIT_MS = 20_000;

/**
 * The list shows every snapshot's title and ID: only for a signed-in user, or on a server that
 * listens on loopback only. Anyone else opens a snapshot through its unguessable ID alone.
 */
export const GET = jsonRoute(async (request: Request) => {
  requireSnapshotManager(request.headers, "list");
  return NextResponse.json({ snapshots: await snapshotRepository().list(500) });
});

export const POST = jsonRoute(async (request: Request) => {
  const { traceId, title, note } = parseCreateBody(await readJsonBody(request));
  const source = getSource();
  await refuseTooLargeToRead(source, traceId);
  const payload = await captureTrace(source, traceId, { waitMs: LOGS_WAIT_MS, pollMs: 500 });
  if (!payload) throw new ApiError(404, "trace_not_found", `No trace ${traceId.xray} in the ${source.kind} source: nothing to snapshot.`);
  refuseTooLarge(traceId, payload.trace.spans.length);
  const meta = await snapshotRepository().create({
    title,
    note,
    createdAt: Date.now(),
    source: source.kind,
    capturedBy: capturedByFrom(request.headers),
    payload,
  });
  const logs = { status: payload.logs.status, events: payload.logs.events.length, ...(payload.logs.message ? { message: payload.logs.message } : {}) };
  return NextResponse.json({ id: meta.id, url: `/s/${meta.id}`, snapshot: meta, logs }, { status: 201 });
});

const notAllowed = methodNotAllowed("GET", "POST");
export { notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
