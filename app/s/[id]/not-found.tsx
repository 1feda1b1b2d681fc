import { headers } from "next/headers";
import { PATH_HEADER, pageId } from "@/lib/http/page-id";
import { SnapshotProblem } from "./snapshot-problem";

/** /s/{id} for a snapshot this Sightline does not have: HTTP 404 and the same explanation. */
export default async function SnapshotNotFound() {
  const found = pageId((await headers()).get(PATH_HEADER) ?? "");
  return (
    <SnapshotProblem title="Snapshot not found" id={found?.id ?? ""}>
      No snapshot has this ID here: it was deleted, or it was saved in another Sightline.
    </SnapshotProblem>
  );
}
