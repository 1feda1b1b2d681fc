"use client";

import { useState } from "react";
import dynamic from "next/dynamic";
import { useTrace } from "@/lib/client/queries/trace";
import { formatDuration } from "@/lib/format";
import { HEADER_BUTTON } from "./header-button";

/** The table and its analysis: their own chunk, loaded when the dialog first opens (not needed for the first paint). */
const Table = dynamic(() => import("./trace-statistics-table").then((m) => m.TraceStatisticsTable), {
  loading: () => <p className="p-2 text-xs text-slate-500">Computing…</p>,
});

/** The table of the whole trace: from the query cache (the whole view) or fetched when the dialog opens (the windowed view). */
function WholeTraceTable({ traceId }: { traceId: string }) {
  const trace = useTrace(traceId);
  if (trace.error) return <p className="p-2 text-xs text-red-700 dark:text-red-400">Could not load the trace: {trace.error.message}</p>;
  if (!trace.data) return <p className="p-2 text-xs text-slate-500">Loading the whole trace…</p>;
  return <Table trace={trace.data} />;
}

/** "Statistics": per service and operation, span count, total and self time, share, errors — in a dialog. */
export function TraceStatisticsButton({ traceId, durationMs }: { traceId: string; durationMs: number }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" data-testid="open-statistics" className={HEADER_BUTTON} onClick={() => setOpen(true)}>
        Statistics
      </button>
      {open && (
        <div
          role="presentation"
          className="fixed inset-0 z-50 flex items-start justify-center bg-black/30 pt-16"
          onClick={(e) => e.target === e.currentTarget && setOpen(false)}
          onKeyDown={(e) => e.key === "Escape" && setOpen(false)}
        >
          <div
            role="dialog"
            aria-label="Trace statistics"
            className="flex max-h-[80vh] w-[60rem] max-w-[95vw] flex-col rounded-lg border border-slate-200 bg-white p-3 text-sm shadow-xl dark:border-slate-700 dark:bg-slate-900"
          >
            <div className="mb-2 flex items-center gap-2">
              <h2 className="text-base font-semibold">Statistics</h2>
              <span className="text-xs text-slate-600 dark:text-slate-400">
                per service and operation · self time is a span&apos;s time not spent waiting on its children · trace {formatDuration(durationMs)}
              </span>
              <button
                type="button"
                autoFocus
                onClick={() => setOpen(false)}
                aria-label="Close statistics"
                className="ml-auto rounded px-2 py-0.5 text-slate-500 hover:bg-slate-200 dark:hover:bg-slate-800"
              >
                ✕
              </button>
            </div>
            <div className="min-h-0 overflow-auto">
              <WholeTraceTable traceId={traceId} />
            </div>
          </div>
        </div>
      )}
    </>
  );
}
