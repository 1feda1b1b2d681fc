"use client";

import Link from "next/link";
import { useMemo, type MouseEvent } from "react";
import { compareTraces } from "@/lib/analysis/trace-compare";
import { indexSpans, pickRoot } from "@/lib/analysis/span-index";
import { formatDuration, formatUtc } from "@/lib/format";
import type { Trace } from "@/lib/model";
import { useTrace } from "@/lib/client/queries/trace";
import { useUrlState } from "@/lib/client/use-url-state";
import { compareHref, compareUrl } from "@/lib/compare-params";
import { CopyButton } from "@/components/copy-button";
import { StatusBadge } from "@/components/status-badge";
import { CompareTable } from "./compare-table";
import { CriticalPaths } from "./critical-paths";

function TraceCard({ label, trace }: { label: string; trace: Trace }) {
  const root = pickRoot(indexSpans(trace.spans).roots);
  return (
    <div data-testid={`compare-trace-${label.toLowerCase()}`} className="min-w-0 flex-1 rounded border border-slate-200 p-2 dark:border-slate-800">
      <p className="text-[11px] font-semibold uppercase tracking-wide text-slate-500">Trace {label}</p>
      <p className="truncate text-sm font-semibold">
        {root?.service} <span className="font-normal text-slate-600 dark:text-slate-300">{root?.name}</span>
      </p>
      <p className="mt-0.5 flex flex-wrap items-center gap-x-3 text-xs text-slate-600 dark:text-slate-400">
        <span className="text-sm font-semibold tabular-nums text-slate-900 dark:text-slate-100">{formatDuration(trace.durationMs)}</span>
        {root && <StatusBadge status={root.status} />}
        <span>{formatUtc(trace.startTime)}</span>
        <span>{trace.spans.length} spans</span>
        <Link href={`/trace/${trace.traceId}`} className="font-mono text-[11px] text-blue-700 hover:underline dark:text-blue-400">
          {trace.xrayTraceId}
        </Link>
      </p>
    </div>
  );
}

/** Why a /compare link cannot be shown (the server page's, and a history entry's that does not parse). */
export function CompareProblems({ problems }: { problems: string[] }) {
  return (
    <main className="mx-auto max-w-2xl p-8" data-testid="compare-error">
      <h1 className="text-lg font-semibold text-red-700 dark:text-red-400">Cannot compare</h1>
      <ul className="mt-4 list-disc pl-5 text-sm">
        {problems.map((p) => (
          <li key={p}>{p}</li>
        ))}
      </ul>
    </main>
  );
}

/** A plain click is handled in place; a modified one (new tab, new window) follows the link. */
const plainClick = (e: MouseEvent) => e.button === 0 && !e.metaKey && !e.ctrlKey && !e.shiftKey && !e.altKey;

/** /compare: two traces aligned call by call, the largest differences first. The trace IDs are the URL's. */
export function ComparePage() {
  const [ids, setIds] = useUrlState(compareUrl, "push");
  if (!ids.ok) return <CompareProblems problems={ids.problems} />;
  return <Comparison a={ids.a} b={ids.b} onSwap={() => setIds({ ok: true, a: ids.b, b: ids.a })} />;
}

function Comparison({ a, b, onSwap }: { a: string; b: string; onSwap(): void }) {
  const traceA = useTrace(a);
  const traceB = useTrace(b);
  const comparison = useMemo(() => (traceA.data && traceB.data ? compareTraces(traceA.data, traceB.data) : null), [traceA.data, traceB.data]);

  const failed = [traceA.error && `A (${a}): ${traceA.error.message}`, traceB.error && `B (${b}): ${traceB.error.message}`].filter(Boolean);
  if (failed.length > 0) {
    return (
      <main className="mx-auto max-w-2xl p-8" data-testid="compare-error">
        <h1 className="text-lg font-semibold text-red-700 dark:text-red-400">Could not load both traces</h1>
        <ul className="mt-4 list-disc pl-5 text-sm">
          {failed.map((f) => (
            <li key={String(f)}>{f}</li>
          ))}
        </ul>
      </main>
    );
  }
  if (!traceA.data || !traceB.data || !comparison) {
    return (
      <p className="p-6 text-sm text-slate-500" role="status">
        Loading both traces…
      </p>
    );
  }
  const totalDelta = traceB.data.durationMs - traceA.data.durationMs;
  return (
    <main className="mx-auto flex max-w-[1400px] flex-col gap-3 p-4" data-testid="compare-page">
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-base font-semibold">Compare traces</h1>
        <span className="text-xs text-slate-600 dark:text-slate-400" data-testid="compare-summary">
          B is {formatDuration(Math.abs(totalDelta))} {totalDelta >= 0 ? "slower" : "faster"} · {comparison.rows.length} calls · {comparison.onlyInA} only in A
          · {comparison.onlyInB} only in B · {comparison.statusChanges} status change{comparison.statusChanges === 1 ? "" : "s"}
        </span>
        <span className="ml-auto flex gap-1.5">
          <a
            href={compareHref(b, a)}
            onClick={(e) => {
              if (!plainClick(e)) return;
              e.preventDefault();
              onSwap();
            }}
            data-testid="compare-swap"
            className="rounded border border-slate-300 px-1.5 py-0.5 text-[11px] text-slate-700 hover:bg-slate-100 dark:border-slate-700 dark:text-slate-300 dark:hover:bg-slate-800"
          >
            Swap A ⇄ B
          </a>
          <CopyButton value={() => window.location.href} label="Copy link" />
        </span>
      </div>
      <div className="flex flex-wrap gap-3">
        <TraceCard label="A" trace={traceA.data} />
        <TraceCard label="B" trace={traceB.data} />
      </div>
      <CriticalPaths comparison={comparison} />
      <CompareTable rows={comparison.rows} />
    </main>
  );
}
