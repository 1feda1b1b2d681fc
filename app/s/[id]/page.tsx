import type { ReactNode } from "react";
import { isSnapshotId } from "@/lib/snapshots/snapshot-id";
import { snapshotRepository } from "@/lib/snapshots/snapshot-store";
import { SnapshotTracePage } from "@/components/snapshots/snapshot-trace-page";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ id: string }> };

function Problem({ title, id, children }: { title: string; id: string; children: ReactNode }) {
  return (
    <main className="mx-auto max-w-2xl p-8" data-testid="snapshot-error">
      <h1 className="text-lg font-semibold text-red-700 dark:text-red-400">{title}</h1>
      <p className="mt-2 break-all font-mono text-sm">{id}</p>
      <p className="mt-4 text-sm">{children}</p>
    </main>
  );
}

export default async function SnapshotRoute({ params }: Props) {
  const id = (await params).id;
  if (!isSnapshotId(id)) {
    return <Problem title="Malformed snapshot link" id={id}>A snapshot ID is 32 lowercase hex digits; check that the link was copied whole.</Problem>;
  }
  const snapshot = snapshotRepository().get(id);
  if (!snapshot) {
    return <Problem title="Snapshot not found" id={id}>No snapshot has this ID here: it was deleted, or it was saved in another Sightline.</Problem>;
  }
  return <SnapshotTracePage snapshot={snapshot} />;
}
