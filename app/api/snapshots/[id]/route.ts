import { NextResponse } from "next/server";
import { jsonRoute } from "@/lib/http/route-handler";
import { parsePatchBody, readJsonBody, requireSnapshotManager, snapshotIdParam, snapshotNotFound } from "@/lib/snapshots/snapshot-requests";
import { snapshotRepository } from "@/lib/snapshots/snapshot-store";
import { methodNotAllowed } from "@/lib/http/method-not-allowed";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ id: string }> };

export const GET = jsonRoute(async (_request: Request, { params }: Context) => {
  const id = snapshotIdParam((await params).id);
  const snapshot = await snapshotRepository().get(id);
  if (!snapshot) throw snapshotNotFound(id);
  return NextResponse.json({ snapshot });
});

export const PATCH = jsonRoute(async (request: Request, { params }: Context) => {
  requireSnapshotManager(request.headers, "rename");
  const id = snapshotIdParam((await params).id);
  const patch = parsePatchBody(await readJsonBody(request));
  const snapshot = await snapshotRepository().update(id, patch);
  if (!snapshot) throw snapshotNotFound(id);
  return NextResponse.json({ snapshot });
});

export const DELETE = jsonRoute(async (request: Request, { params }: Context) => {
  requireSnapshotManager(request.headers, "delete");
  const id = snapshotIdParam((await params).id);
  if (!(await snapshotRepository().delete(id))) throw snapshotNotFound(id);
  return new Response(null, { status: 204 });
});

const notAllowed = methodNotAllowed("GET", "PATCH", "DELETE");
export { notAllowed as POST, notAllowed as PUT };
