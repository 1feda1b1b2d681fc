"use client";

import { useDeleteSnapshot } from "@/lib/client/queries/delete-snapshot";
import { useRenameSnapshot } from "@/lib/client/queries/rename-snapshot";
import { useSnapshots } from "@/lib/client/queries/snapshots";
import { SnapshotImport } from "./snapshot-import";
import { SnapshotRow } from "./snapshot-row";

/** Every saved snapshot, newest first, with rename, delete, export and import. */
export function SnapshotList() {
  const list = useSnapshots();
  const rename = useRenameSnapshot();
  const remove = useDeleteSnapshot();

  return (
    <main className="mx-auto max-w-5xl p-6 max-md:p-3">
      <div className="mb-4 flex flex-wrap items-center gap-4">
        <h1 className="text-lg font-semibold">Snapshots</h1>
        <p className="text-xs text-slate-600 dark:text-slate-400">Traces saved with their logs and map: their links outlive X-Ray retention and log expiry.</p>
        <span className="ml-auto">
          <SnapshotImport />
        </span>
      </div>
      {list.isPending && (
        <p role="status" className="text-sm text-slate-500">
          Loading snapshots…
        </p>
      )}
      {list.error && (
        <p role="alert" data-testid="snapshots-error" className="text-sm text-red-700 dark:text-red-400">
          {list.error.message}
        </p>
      )}
      {list.data?.length === 0 && (
        <p data-testid="snapshots-empty" className="text-sm text-slate-600 dark:text-slate-400">
          No snapshots yet: open a trace and press “Save snapshot”.
        </p>
      )}
      {list.data && list.data.length > 0 && (
        <ul className="rounded border border-slate-200 dark:border-slate-800">
          {list.data.map((s) => (
            <SnapshotRow
              key={s.id}
              snapshot={s}
              onRename={async (title) => {
                await rename.mutateAsync({ id: s.id, title });
              }}
              onDelete={async () => {
                await remove.mutateAsync(s.id);
              }}
            />
          ))}
        </ul>
      )}
    </main>
  );
}
