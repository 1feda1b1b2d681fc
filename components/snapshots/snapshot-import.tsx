"use client";

import { useState } from "react";
import { useImportSnapshot } from "@/lib/client/queries/import-snapshot";

/** Imports an exported snapshot file; the server checks it and names what is wrong. */
export function SnapshotImport() {
  const save = useImportSnapshot();
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  return (
    <div className="flex flex-wrap items-center gap-2 text-sm">
      <label className="cursor-pointer rounded border border-slate-300 px-2 py-1 text-xs hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800 max-md:inline-flex max-md:min-h-10 max-md:items-center max-md:px-3">
        Import a snapshot file…
        <input
          type="file"
          accept="application/json,.json"
          data-testid="snapshot-import"
          className="sr-only"
          onChange={async (e) => {
            const input = e.currentTarget;
            const file = input.files?.[0];
            if (!file) return;
            try {
              await save.mutateAsync(await file.text());
              setMessage({ ok: true, text: `Imported ${file.name}.` });
            } catch (err) {
              setMessage({ ok: false, text: `${file.name}: ${err instanceof Error ? err.message : String(err)}` });
            } finally {
              input.value = "";
            }
          }}
        />
      </label>
      {message && (
        <span
          role={message.ok ? "status" : "alert"}
          data-testid="snapshot-import-message"
          className={message.ok ? "text-green-700 dark:text-green-400" : "text-red-700 dark:text-red-400"}
        >
          {message.text}
        </span>
      )}
    </div>
  );
}
