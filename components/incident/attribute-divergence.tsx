"use client";

import Link from "next/link";
import { useState } from "react";
import type { DivergenceMode, DivergenceRow } from "@/lib/analysis/attribute-divergence";
import { formatDuration } from "@/lib/format";
import { pivotHref } from "@/lib/pivot-links";
import type { TimeWindow } from "@/lib/model";
import { EvidenceCard } from "./evidence-card";
import { useDivergence } from "@/lib/client/queries/divergence";

const SHOWN = 8;
const pct = (v: number) => `${Math.round(v * 100)} %`;

/** "What is different": attribute values the failing (or slow) traces carry far more often than the rest. */
export function AttributeDivergence({ service, window }: { service: string; window: TimeWindow }) {
  const [mode, setMode] = useState<DivergenceMode>("failing");
  const divergence = useDivergence(service, window, mode);
  const d = divergence.data?.divergence;
  const toggle = (
    <div role="group" aria-label="Compare" className="flex overflow-hidden rounded border border-slate-300 text-xs dark:border-slate-700">
      {(["failing", "slow"] as const).map((m) => (
        <button
          key={m}
          type="button"
          aria-pressed={mode === m}
          onClick={() => setMode(m)}
          className={`min-h-8 px-2.5 ${mode === m ? "bg-slate-800 text-white dark:bg-slate-200 dark:text-slate-900" : "hover:bg-slate-100 dark:hover:bg-slate-800"}`}
        >
          {m === "failing" ? "failing" : "slow"}
        </button>
      ))}
    </div>
  );
  return (
    <EvidenceCard
      title="What is different"
      testId="attribute-divergence"
      control={toggle}
      subtitle={
        d
          ? mode === "failing"
            ? `${d.selectedTraces} failing traces against ${d.baselineTraces} others`
            : `${d.selectedTraces} traces over ${formatDuration(d.slowThresholdMs ?? 0)} (the baseline's p95) against ${d.baselineTraces} others`
          : undefined
      }
    >
      {divergence.isPending ? (
        <p className="text-sm text-slate-500">Comparing the traces' attributes…</p>
      ) : divergence.error ? (
        <p role="alert" className="text-sm text-red-600 dark:text-red-400">
          Could not compare attributes: {divergence.error.message}
        </p>
      ) : !d || d.selectedTraces === 0 ? (
        <p className="text-sm text-slate-500">No {mode} traces in the window to compare.</p>
      ) : (
        <>
          {d.causes.length === 0 ? (
            <p className="text-sm text-slate-500">No attribute value stands out: the {mode} traces look like the others.</p>
          ) : (
            <>
              <Legend />
              <ol className="space-y-1">
                {d.causes.slice(0, SHOWN).map((row) => (
                  <Row key={`${row.key}=${row.value}`} row={row} window={window} />
                ))}
              </ol>
            </>
          )}
          {d.symptoms.length > 0 && (
            <details className="mt-2 text-xs text-slate-600 dark:text-slate-400">
              <summary className="cursor-pointer py-1">Symptoms ({d.symptoms.length}): attributes that restate the failure</summary>
              <ol className="mt-1 space-y-1">
                {d.symptoms.slice(0, SHOWN).map((row) => (
                  <Row key={`${row.key}=${row.value}`} row={row} window={window} symptom />
                ))}
              </ol>
            </details>
          )}
        </>
      )}
    </EvidenceCard>
  );
}

function Legend() {
  return (
    <p className="mb-1 flex gap-3 text-[11px] text-slate-500 dark:text-slate-400">
      <span className="flex items-center gap-1">
        <span className="inline-block h-2 w-3 rounded-sm bg-red-500" /> selected traces
      </span>
      <span className="flex items-center gap-1">
        <span className="inline-block h-2 w-3 rounded-sm bg-slate-400" /> baseline
      </span>
    </p>
  );
}

function Row({ row, window, symptom = false }: { row: DivergenceRow; window: TimeWindow; symptom?: boolean }) {
  return (
    <li data-testid={symptom ? "symptom-row" : "divergence-row"} data-key={row.key} data-value={row.value}>
      <Link
        href={pivotHref({ kind: "attribute", key: row.key, value: row.value }, window)}
        className="grid grid-cols-[minmax(0,1fr)_7rem] items-center gap-2 rounded px-1 py-0.5 text-sm hover:bg-slate-50 dark:hover:bg-slate-900"
        title={`Traces with ${row.key}=${row.value}`}
      >
        <span className="min-w-0 break-all">
          <span className="text-slate-500 dark:text-slate-400">{row.key}</span> = <span className="font-medium">{row.value}</span>
        </span>
        <span className="grid gap-0.5 text-[11px] tabular-nums">
          <Bar share={row.selected} className="bg-red-500" label={`${pct(row.selected)} of selected`} />
          <Bar share={row.baseline} className="bg-slate-400" label={`${pct(row.baseline)} of baseline`} />
        </span>
      </Link>
    </li>
  );
}

function Bar({ share, className, label }: { share: number; className: string; label: string }) {
  return (
    <span className="flex items-center gap-1" title={label}>
      <span className="h-1.5 w-12 overflow-hidden rounded-sm bg-slate-100 dark:bg-slate-800">
        <span className={`block h-full ${className}`} style={{ width: `${Math.round(share * 100)}%` }} />
      </span>
      <span className="text-slate-600 dark:text-slate-300">{pct(share)}</span>
    </span>
  );
}
