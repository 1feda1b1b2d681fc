"use client";

import { useState } from "react";
import { useSaveSnapshot } from "@/lib/client/queries/save-snapshot";
import type { Span, Trace } from "@/lib/model";
import { CopyButton } from "@/components/copy-button";

/** A snapshot's title until the user writes one: the root's service and operation, or the X-Ray ID of a trace without spans. */
export function snapshotTitle(trace: Pick<Trace, "xrayTraceId">, root: Pick<Span, "service" | "name"> | null): string {
  return root ? `${root.service} ${root.name}`.slice(0, 200) : trace.xrayTraceId;
}

/** The whole trace's first root (or first span) for snapshotTitle. */
export const rootOf = (trace: Trace): Span | null => trace.spans.find((s) => s.parentSpanId === null) ?? trace.spans[0] ?? null;

const field = "w-full rounded border border-slate-300 bg-white px-2 py-1 text-sm dark:border-slate-700 dark:bg-slate-900";

/**
 * "Save snapshot": a small dialog that stores the trace, its logs and its map, then gives the
 * /s/{id} link. The server reads the trace itself: the page need not hold it whole.
 */
export function SaveSnapshotButton({ traceId, defaultTitle }: { traceId: string; defaultTitle: string }) {
  const [open, setOpen] = useState(false);
  const [title, setTitle] = useState(defaultTitle);
  const [note, setNote] = useState("");
  const save = useSaveSnapshot(traceId);
  const close = () => {
    setOpen(false);
    save.reset();
  };

  return (
    <>
      <button
        type="button"
        data-testid="save-snapshot"
        onClick={() => setOpen(true)}
        className="rounded border border-blue-400 px-1.5 py-0.5 text-[11px] font-semibold text-blue-700 hover:bg-blue-50 dark:border-blue-700 dark:text-blue-300 dark:hover:bg-blue-950 max-md:min-h-10 max-md:shrink-0 max-md:px-3"
        title="Keep this trace, its logs and its map in Sightline's store, with a link that outlives retention"
      >
        Save snapshot
      </button>
      {open && (
        <div
          role="presentation"
          className="fixed inset-0 z-50 flex items-start justify-center whitespace-normal bg-black/30 pt-24"
          onClick={(e) => e.target === e.currentTarget && close()}
          onKeyDown={(e) => e.key === "Escape" && close()}
        >
          <div
            role="dialog"
            aria-label="Save snapshot"
            data-testid="snapshot-dialog"
            className="w-[28rem] max-w-[calc(100vw-1.5rem)] rounded-lg border border-slate-200 bg-white p-4 text-sm shadow-xl dark:border-slate-700 dark:bg-slate-900"
          >
            <h2 className="mb-3 text-base font-semibold">Save snapshot</h2>
            {save.data ? (
              <div className="space-y-2">
                <p>Saved. This link keeps working after the trace and its logs expire:</p>
                <p className="flex items-center gap-2">
                  <a href={save.data.url} data-testid="snapshot-link" className="font-mono text-xs text-blue-700 underline dark:text-blue-300">
                    {save.data.url}
                  </a>
                  <CopyButton value={() => new URL(save.data.url, window.location.origin).href} label="Copy link" testId="copy-snapshot-link" />
                </p>
                <p className="text-xs text-slate-600 dark:text-slate-400" data-testid="snapshot-logs-status">
                  {save.data.logs.events} log lines ({save.data.logs.status}){save.data.logs.message ? ` — ${save.data.logs.message}` : ""}
                </p>
              </div>
            ) : (
              <form
                className="space-y-3"
                onSubmit={(e) => {
                  e.preventDefault();
                  save.mutate({ title, note });
                }}
              >
                <label className="block">
                  <span className="mb-1 block text-xs text-slate-600 dark:text-slate-400">Title</span>
                  <input
                    data-testid="snapshot-title"
                    className={field}
                    value={title}
                    maxLength={200}
                    required
                    onChange={(e) => setTitle(e.target.value)}
                    autoFocus
                  />
                </label>
                <label className="block">
                  <span className="mb-1 block text-xs text-slate-600 dark:text-slate-400">Note</span>
                  <textarea data-testid="snapshot-note" className={field} rows={3} value={note} onChange={(e) => setNote(e.target.value)} />
                </label>
                {save.error && (
                  <p role="alert" className="text-xs text-red-700 dark:text-red-400">
                    {save.error.message}
                  </p>
                )}
                <p className="flex justify-end gap-2">
                  <button type="button" onClick={close} className="rounded px-2 py-1 hover:bg-slate-100 dark:hover:bg-slate-800">
                    Cancel
                  </button>
                  <button
                    type="submit"
                    data-testid="snapshot-submit"
                    disabled={save.isPending}
                    className="rounded bg-blue-600 px-3 py-1 font-semibold text-white hover:bg-blue-700 disabled:opacity-60"
                  >
                    {save.isPending ? "Saving… (waiting for the logs)" : "Save"}
                  </button>
                </p>
              </form>
            )}
            {save.data && (
              <p className="mt-3 flex justify-end">
                <button type="button" onClick={close} className="rounded px-2 py-1 hover:bg-slate-100 dark:hover:bg-slate-800">
                  Close
                </button>
              </p>
            )}
          </div>
        </div>
      )}
    </>
  );
}
