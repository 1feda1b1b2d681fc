import { notFound } from "next/navigation";
import { isSnapshotId } from "@/lib/snapshots/snapshot-id";
import { snapshotRepository } from "@/lib/snapshots/snapshot-store";
import { SnapshotTracePage } from "@/components/snapshots/snapshot-trace-page";
import { SnapshotProblem } from "./snapshot-problem";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ id: string }> };

export default async function SnapshotRoute({ params }: Props) {
  const id = decodeURIComponent((await params).id);
  if (!isSnapshotId(id)) {
    // Answered with HTTP 400 by the proxy (lib/http/page-id.ts).
    return (
      <SnapshotProblem title="Malformed snapshot link" id={id}>
        A snapshot ID is 32 lowercase hex digits; check that the link was copied whole.
      </SnapshotProblem>
    );
  }
  const snapshot = await snapshotRepository().get(id);
  if (!snapshot) notFound();
  return <SnapshotTracePage snapshot={snapshot} />;
}
