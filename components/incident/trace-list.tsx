import Link from "next/link";
import type { ReactNode } from "react";
import { StatusBadge } from "@/components/status-badge";
import { formatDuration, formatUtcTime } from "@/lib/format";
import type { TraceSummary } from "@/lib/model";

interface TraceListProps {
  title: ReactNode;
  testId: string;
  traces: readonly TraceSummary[];
  pending: boolean;
  error: Error | null;
  empty: string;
  /** For a narrow panel: no start time column. */
  compact?: boolean;
}

/** A short list of traces (`trace-row`), each a link to its trace page. */
export function TraceList({ title, testId, traces, pending, error, empty, compact = false }: TraceListProps) {
  return (
    <section data-testid={testId} className="min-w-0">
      <h3 className="mb-1 text-xs font-semibold uppercase tracking-wide text-slate-500 dark:text-slate-400">{title}</h3>
      {pending ? (
        <p className="py-2 text-sm text-slate-500">Loading…</p>
      ) : error ? (
        <p role="alert" className="py-2 text-sm text-red-600 dark:text-red-400">
          Could not load traces: {error.message}
        </p>
      ) : traces.length === 0 ? (
        <p className="py-2 text-sm text-slate-500">{empty}</p>
      ) : (
        <ul className="divide-y divide-slate-100 text-sm dark:divide-slate-800">
          {traces.map((t) => (
            <li key={t.traceId} data-testid="trace-row">
              <Link href={`/trace/${t.traceId}`} className="flex items-center gap-3 px-1 py-1.5 hover:bg-slate-50 dark:hover:bg-slate-900">
                {!compact && (
                  <span className="hidden w-24 shrink-0 tabular-nums text-slate-500 sm:inline dark:text-slate-400">{formatUtcTime(t.startTime)}</span>
                )}
                <span className="min-w-0 flex-1 truncate">
                  <span className="font-medium text-blue-700 dark:text-blue-400">{t.rootService}</span>{" "}
                  <span className="text-slate-600 dark:text-slate-400">{t.rootName}</span>
                </span>
                <span className="w-16 shrink-0 text-right tabular-nums">{formatDuration(t.durationMs)}</span>
                <span className={`shrink-0 text-right ${compact ? "" : "sm:w-28"}`}>
                  <StatusBadge status={t.status} />
                </span>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
