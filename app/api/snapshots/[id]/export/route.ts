import { jsonRoute } from "@/lib/http/route-handler";
import { toExport } from "@/lib/snapshots/snapshot-export";
import { snapshotIdParam, snapshotNotFound } from "@/lib/snapshots/snapshot-requests";
import { snapshotRepository } from "@/lib/snapshots/snapshot-store";
import { methodNotAllowed } from "@/lib/http/method-not-allowed";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ id: string }> };

export const GET = jsonRoute(async (_request: Request, { params }: Context) => {
  const id = snapshotIdParam((await params).id);
  const snapshot = await snapshotRepository().get(id);
  if (!snapshot) throw snapshotNotFound(id);
  return new Response(JSON.stringify(toExport(snapshot)), {
    headers: {
      "content-type": "application/json; charset=utf-8",
      "content-disposition": `attachment; filename="sightline-snapshot-${id}.json"`,
    },
  });
});

const notAllowed = methodNotAllowed("GET");
export { notAllowed as POST, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
