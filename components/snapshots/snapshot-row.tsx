"use client";

import { useState } from "react";
import Link from "next/link";
import type { SnapshotMeta } from "@/lib/snapshots/snapshot";
import { formatUtc } from "./format-utc";

interface Props {
  snapshot: SnapshotMeta;
  onRename(title: string): Promise<void>;
  onDelete(): Promise<void>;
}

const button =
  "rounded border border-slate-300 px-1.5 py-0.5 text-[11px] hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800 max-md:inline-flex max-md:min-h-10 max-md:items-center max-md:px-3";

/** One saved snapshot: open, rename in place, export, delete (after a confirmation). */
export function SnapshotRow({ snapshot, onRename, onDelete }: Props) {
  const [editing, setEditing] = useState(false);
  const [title, setTitle] = useState(snapshot.title);
  const [error, setError] = useState<string | null>(null);

  const rename = async () => {
    try {
      await onRename(title);
      setEditing(false);
      setError(null);
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    }
  };

  return (
    <li
      data-testid="snapshot-row"
      data-snapshot-id={snapshot.id}
      className="flex flex-wrap items-center gap-x-3 gap-y-1 border-b border-slate-200 px-3 py-2 text-sm dark:border-slate-800"
    >
      {editing ? (
        <form
          className="flex items-center gap-1 max-md:w-full"
          onSubmit={(e) => {
            e.preventDefault();
            void rename();
          }}
        >
          <input
            data-testid="snapshot-rename-input"
            value={title}
            maxLength={200}
            onChange={(e) => setTitle(e.target.value)}
            autoFocus
            className="w-80 rounded border border-slate-300 bg-white px-2 py-0.5 dark:border-slate-700 dark:bg-slate-900 max-md:min-h-10 max-md:w-auto max-md:min-w-0 max-md:flex-1 max-md:text-base"
          />
          <button type="submit" data-testid="snapshot-rename-save" className={button}>
            Save
          </button>
          <button type="button" onClick={() => setEditing(false)} className={button}>
            Cancel
          </button>
        </form>
      ) : (
        <Link
          href={`/s/${snapshot.id}`}
          data-testid="snapshot-open"
          className="font-semibold text-blue-700 hover:underline dark:text-blue-300 max-md:inline-flex max-md:min-h-10 max-md:items-center max-md:break-words"
        >
          {snapshot.title}
        </Link>
      )}
      <span className="text-xs text-slate-600 dark:text-slate-400">
        {formatUtc(snapshot.createdAt)} · {snapshot.source} · {snapshot.capturedBy ?? "unknown"} · {snapshot.spanCount} spans · {snapshot.logCount} log lines (
        {snapshot.logsStatus})
      </span>
      <span className="ml-auto flex gap-1.5">
        {!editing && (
          <button type="button" data-testid="snapshot-rename" onClick={() => setEditing(true)} className={button}>
            Rename
          </button>
        )}
        <a href={`/api/snapshots/${snapshot.id}/export`} download data-testid="snapshot-export" className={button}>
          Export
        </a>
        <button
          type="button"
          data-testid="snapshot-delete"
          onClick={() => {
            if (window.confirm(`Delete the snapshot "${snapshot.title}"? Its link will stop working.`))
              onDelete().catch((err: unknown) => setError(String(err)));
          }}
          className={`${button} text-red-700 dark:text-red-400`}
        >
          Delete
        </button>
      </span>
      {snapshot.note && <p className="w-full whitespace-pre-wrap text-xs text-slate-700 dark:text-slate-300">{snapshot.note}</p>}
      {error && (
        <p role="alert" className="w-full text-xs text-red-700 dark:text-red-400">
          {error}
        </p>
      )}
    </li>
  );
}
