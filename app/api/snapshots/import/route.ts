import { NextResponse } from "next/server";
import { ApiError } from "@/lib/http/api-error";
import { jsonRoute } from "@/lib/http/route-handler";
import { fromExport } from "@/lib/snapshots/snapshot-export";
import { IMPORT_MAX_BYTES, readJsonBody } from "@/lib/snapshots/snapshot-requests";
import { snapshotRepository } from "@/lib/snapshots/snapshot-store";
import { methodNotAllowed } from "@/lib/http/method-not-allowed";

export const dynamic = "force-dynamic";

/** Stores an exported snapshot under a new ID; a file that is not one is a 400 naming the field. */
export const POST = jsonRoute(async (request: Request) => {
  const result = fromExport(await readJsonBody(request, IMPORT_MAX_BYTES, "16 MiB for a snapshot file"));
  if (!result.ok) throw new ApiError(400, `invalid_${result.field.split(".")[0]}`, result.message);
  const meta = await snapshotRepository().create(result.snapshot);
  return NextResponse.json({ id: meta.id, url: `/s/${meta.id}`, snapshot: meta }, { status: 201 });
});

const notAllowed = methodNotAllowed("POST");
export { notAllowed as GET, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
