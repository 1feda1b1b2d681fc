"use client";

import Link from "next/link";
import type { BreakdownRow } from "@/lib/analysis/dependency-breakdown";
import { formatDuration } from "@/lib/format";
import { formatWindow, incidentHref } from "@/lib/incident-params";
import type { ServiceStats, SpanStatus, TimeWindow } from "@/lib/model";
import { tracesHref } from "./evidence-links";
import { useBreakdown } from "@/lib/client/queries/breakdown";
import { EvidenceCard } from "./evidence-card";

const pct = (v: number | null) => (v === null ? "—" : `${(v * 100).toFixed(v < 0.1 ? 1 : 0)} %`);
const SHOWN = 8;

/** The status a row's "failing traces" link filters on: its most common failure. */
function worstKind(s: ServiceStats): SpanStatus {
  if (s.faults >= s.throttles && s.faults >= s.errors && s.faults > 0) return "fault";
  if (s.throttles >= s.errors && s.throttles > 0) return "throttle";
  return "error";
}

function failureText(s: ServiceStats): string {
  const parts = [s.faults && `${s.faults} 5xx`, s.throttles && `${s.throttles} 429`, s.errors && `${s.errors} 4xx`].filter(Boolean);
  return parts.length ? parts.join(" · ") : "none";
}

/** "Where it fails": the service's downstream calls, worst change first. */
export function DependencyBreakdown({ service, window, at, windowMs }: { service: string; window: TimeWindow; at: number; windowMs: number }) {
  const breakdown = useBreakdown(service, window);
  return (
    <EvidenceCard
      title="Where it fails"
      testId="incident-breakdown"
      subtitle={`downstream calls against the ${formatWindow(windowMs)} before · worst change first`}
    >
      {breakdown.isPending ? (
        <p className="text-sm text-slate-500">Comparing the downstream calls with the baseline…</p>
      ) : breakdown.error ? (
        <p role="alert" className="text-sm text-red-600 dark:text-red-400">
          Could not compare the downstream calls: {breakdown.error.message}
        </p>
      ) : breakdown.data.rows.length === 0 ? (
        <p className="text-sm text-slate-500">
          {service} called nothing in the window: the problem is in {service} itself.
        </p>
      ) : (
        <ol className="space-y-1.5">
          {breakdown.data.rows.slice(0, SHOWN).map((row, i) => (
            <Row key={`${row.caller}/${row.dependency}`} row={row} first={i === 0} window={window} at={at} windowMs={windowMs} />
          ))}
        </ol>
      )}
    </EvidenceCard>
  );
}

function Row({ row, first, window, at, windowMs }: { row: BreakdownRow; first: boolean; window: TimeWindow; at: number; windowMs: number }) {
  const failing = row.now.errors + row.now.faults + row.now.throttles > 0;
  const worse = row.score > 0.02;
  return (
    <li
      data-testid="breakdown-row"
      data-dependency={row.dependency}
      className={`rounded border px-2 py-1.5 text-sm ${
        first && worse ? "border-red-300 bg-red-50 dark:border-red-900 dark:bg-red-950/40" : "border-slate-200 dark:border-slate-800"
      }`}
    >
      <div className="flex flex-wrap items-baseline gap-x-2">
        <Link href={incidentHref(row.dependency, at, windowMs)} className="min-w-0 break-all font-medium text-blue-700 hover:underline dark:text-blue-400">
          {row.dependency}
        </Link>
        <span className="text-xs text-slate-500 dark:text-slate-400">
          {row.type} · called by {row.caller}
        </span>
        {failing && (
          <Link
            href={tracesHref(window, { service: row.dependency, status: worstKind(row.now) })}
            className="ml-auto text-xs text-blue-700 hover:underline dark:text-blue-400"
          >
            failing traces →
          </Link>
        )}
      </div>
      <dl className="mt-0.5 grid grid-cols-3 gap-x-3 text-xs tabular-nums text-slate-600 dark:text-slate-300">
        <div>
          <dt className="sr-only">calls</dt>
          <dd>
            {row.now.requests} calls <span className="text-slate-400">(was {row.baseline?.requests ?? 0})</span>
          </dd>
        </div>
        <div>
          <dt className="sr-only">failures</dt>
          <dd className={row.failureRate > (row.baselineFailureRate ?? 0) + 0.01 ? "font-semibold text-red-700 dark:text-red-400" : ""}>
            {pct(row.failureRate)} failed <span className="font-normal text-slate-400">(was {pct(row.baselineFailureRate)})</span>
            <span className="block font-normal text-slate-500 dark:text-slate-400">{failureText(row.now)}</span>
          </dd>
        </div>
        <div>
          <dt className="sr-only">p99</dt>
          <dd className={row.baseline && row.now.p99Ms > 1.5 * row.baseline.p99Ms ? "font-semibold text-amber-700 dark:text-amber-400" : ""}>
            p99 {formatDuration(row.now.p99Ms)}{" "}
            <span className="font-normal text-slate-400">(was {row.baseline ? formatDuration(row.baseline.p99Ms) : "—"})</span>
          </dd>
        </div>
      </dl>
      {row.explainedBy && (
        <p className="mt-0.5 text-xs text-slate-500 dark:text-slate-400">
          passes on what happens in its call to <span className="font-medium">{row.explainedBy}</span>
        </p>
      )}
    </li>
  );
}
