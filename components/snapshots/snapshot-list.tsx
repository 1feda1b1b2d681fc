"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { fetchJson } from "@/lib/client/fetch-json";
import type { SnapshotMeta } from "@/lib/snapshots/snapshot";
import { SnapshotImport } from "./snapshot-import";
import { SnapshotRow } from "./snapshot-row";

const KEY = ["snapshots"];

/** Every saved snapshot, newest first, with rename, delete, export and import. */
export function SnapshotList() {
  const client = useQueryClient();
  const list = useQuery({ queryKey: KEY, queryFn: () => fetchJson<{ snapshots: SnapshotMeta[] }>("/api/snapshots").then((r) => r.snapshots) });
  const refresh = () => client.invalidateQueries({ queryKey: KEY });

  return (
    <main className="mx-auto max-w-5xl p-6 max-md:p-3">
      <div className="mb-4 flex flex-wrap items-center gap-4">
        <h1 className="text-lg font-semibold">Snapshots</h1>
        <p className="text-xs text-slate-600 dark:text-slate-400">Traces saved with their logs and map: their links outlive X-Ray retention and log expiry.</p>
        <span className="ml-auto">
          <SnapshotImport onImported={() => void refresh()} />
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
                await fetchJson(`/api/snapshots/${s.id}`, {
                  method: "PATCH",
                  headers: { "content-type": "application/json" },
                  body: JSON.stringify({ title }),
                });
                await refresh();
              }}
              onDelete={async () => {
                await fetchJson(`/api/snapshots/${s.id}`, { method: "DELETE" });
                await refresh();
              }}
            />
          ))}
        </ul>
      )}
    </main>
  );
}
