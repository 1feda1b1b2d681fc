"use client";

import Link from "next/link";
import { formatAttributeValue, groupAttributes } from "@/lib/analysis/attribute-groups";
import type { SkewFinding } from "@/lib/analysis/clock-skew";
import type { Attributes, Span } from "@/lib/model";
import { formatDuration, formatTimestamp } from "@/lib/format";
import type { TimeZoneMode } from "@/lib/trace-view-state";
import type { LambdaReport } from "@/lib/analysis/lambda-report";
import { memoryPressure } from "@/lib/analysis/lambda-reports";
import { StatusBadge } from "@/components/status-badge";
import { AttributePivot, PivotLink } from "@/components/pivot-link";
import { PercentileBandDetails } from "./percentile-band";

interface Props {
  span: Span;
  traceStart: number;
  selfTimeMs: number | undefined;
  skew: SkewFinding | undefined;
  coldStart: boolean;
  lambdaReport: LambdaReport | undefined;
  orphan: boolean;
  timeZone: TimeZoneMode;
  onClose(): void;
}

function AttributeTable({ title, entries, pivots = false }: { title: string; entries: [string, unknown][]; pivots?: boolean }) {
  return (
    <section className="mt-2">
      <h4 className="text-[11px] font-semibold uppercase tracking-wide text-slate-500">{title}</h4>
      <dl className="mt-0.5 grid grid-cols-[minmax(8rem,auto)_1fr] gap-x-3 font-mono text-[11px] max-md:grid-cols-1">
        {entries.map(([k, v]) => (
          <div key={k} className="contents">
            <dt className="text-slate-500">{k}</dt>
            <dd className="break-all max-md:mb-1 max-md:pl-3">
              {formatAttributeValue(v as Attributes[string])}
              {pivots && <AttributePivot name={k} value={v as Attributes[string]} />}
            </dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

function LambdaReportBlock({ report }: { report: LambdaReport }) {
  const rows: [string, string][] = [
    ["Duration", report.durationMs === null ? "—" : formatDuration(report.durationMs)],
    ["Billed duration", report.billedDurationMs === null ? "—" : formatDuration(report.billedDurationMs)],
    ["Memory", report.maxMemoryUsedMb === null || report.memorySizeMb === null ? "—" : `${report.maxMemoryUsedMb} MB used of ${report.memorySizeMb} MB`],
  ];
  if (report.initDurationMs !== null) rows.push(["Init duration (cold start)", formatDuration(report.initDurationMs)]);
  return (
    <section data-testid="lambda-report" className="mt-2 rounded border border-slate-200 p-2 dark:border-slate-700">
      <h4 className="text-[11px] font-semibold uppercase tracking-wide text-slate-500">Lambda REPORT</h4>
      <dl className="mt-0.5 grid grid-cols-[10rem_1fr] gap-x-3 text-[11px]">
        {rows.map(([k, v]) => (
          <div key={k} className="contents">
            <dt className="text-slate-500">{k}</dt>
            <dd className="tabular-nums">{v}</dd>
          </div>
        ))}
      </dl>
      {memoryPressure(report) && <p className="mt-1 text-amber-700 dark:text-amber-400">Memory pressure: the function used 80 % or more of its memory.</p>}
    </section>
  );
}

export function SpanDetails({ span, traceStart, selfTimeMs, skew, coldStart, lambdaReport, orphan, timeZone, onClose }: Props) {
  const exceptions = span.events.filter((e) => e.name === "exception");
  const otherEvents = span.events.filter((e) => e.name !== "exception");
  return (
    <aside
      data-testid="span-details"
      className="h-full overflow-auto border-t border-slate-200 bg-slate-50 p-3 text-xs dark:border-slate-800 dark:bg-slate-900"
    >
      <div className="flex items-start gap-2">
        <div className="min-w-0 flex-1">
          <h3 className="truncate text-sm font-semibold">
            {span.service} <span className="font-normal">{span.name}</span>
            <PivotLink pivot={{ kind: "span", service: span.service, name: span.name }} />
          </h3>
          <p className="mt-0.5 flex flex-wrap items-center gap-x-3 gap-y-1 text-slate-600 dark:text-slate-400">
            <StatusBadge status={span.status} httpStatus={span.httpStatus} />
            {span.httpStatus !== null && <span>HTTP {span.httpStatus}</span>}
            <span>{formatDuration(span.durationMs)}</span>
            {selfTimeMs !== undefined && <span>self {formatDuration(selfTimeMs)}</span>}
            <span>+{formatDuration(span.startTime - traceStart)}</span>
            <span>{formatTimestamp(span.startTime, timeZone)}</span>
            <span>{span.kind}</span>
            {span.origin && <span>{span.origin}</span>}
            <span className="font-mono">{span.spanId}</span>
          </p>
        </div>
        <button
          type="button"
          onClick={onClose}
          aria-label="Close span details"
          className="rounded px-2 py-0.5 text-slate-500 hover:bg-slate-200 dark:hover:bg-slate-800 max-md:-mr-2 max-md:-mt-2 max-md:h-10 max-md:w-10"
        >
          ✕
        </button>
      </div>
      <PercentileBandDetails span={span} />
      {span.statusMessage && <p className="mt-2 rounded bg-red-50 p-2 text-red-800 dark:bg-red-950 dark:text-red-300">{span.statusMessage}</p>}
      {coldStart && (
        <p className="mt-2 rounded bg-sky-50 p-2 text-sky-900 dark:bg-sky-950 dark:text-sky-200">
          ❄ Lambda cold start: this invocation paid for initialising a new execution environment.
        </p>
      )}
      {lambdaReport && <LambdaReportBlock report={lambdaReport} />}
      {orphan && (
        <p className="mt-2 text-amber-700 dark:text-amber-400">
          ⚠ Its parent span {span.parentSpanId} is not in this trace (not sampled, not yet arrived, or lost).
        </p>
      )}
      {skew && (
        <p className="mt-2 text-amber-700 dark:text-amber-400">
          ⏱ Clock skew: it {skew.side === "start" ? "starts before" : "ends after"} its parent by {formatDuration(skew.byMs)}; the two hosts&apos; clocks
          disagree.
        </p>
      )}
      {exceptions.map((e, i) => (
        <section key={i} className="mt-2 rounded border border-red-200 p-2 dark:border-red-900">
          <h4 className="font-semibold text-red-700 dark:text-red-400">
            {String(e.attributes["exception.type"] ?? "Exception")}: {String(e.attributes["exception.message"] ?? "")}
            {typeof e.attributes["exception.type"] === "string" && <PivotLink pivot={{ kind: "exception", type: e.attributes["exception.type"] }} />}
          </h4>
          {typeof e.attributes["exception.stacktrace"] === "string" && (
            <pre className="mt-1 max-h-48 overflow-auto whitespace-pre-wrap font-mono text-[11px]">{e.attributes["exception.stacktrace"]}</pre>
          )}
        </section>
      ))}
      {groupAttributes(span.attributes).map((g) => (
        <AttributeTable key={g.name} title={g.name} entries={g.entries} pivots />
      ))}
      {otherEvents.length > 0 && (
        <AttributeTable title="Events" entries={otherEvents.map((e) => [`+${formatDuration(e.timestamp - span.startTime)} ${e.name}`, e.attributes])} />
      )}
      {span.links.length > 0 && (
        <section className="mt-2">
          <h4 className="text-[11px] font-semibold uppercase tracking-wide text-slate-500">Links</h4>
          {span.links.map((l) => (
            <Link
              key={`${l.traceId}/${l.spanId}`}
              href={`/trace/${l.traceId}?span=${l.spanId}`}
              className="block font-mono text-[11px] text-blue-700 hover:underline dark:text-blue-400"
            >
              {l.traceId} / {l.spanId}
            </Link>
          ))}
        </section>
      )}
      {Object.keys(span.resource).length > 0 && (
        <AttributeTable title="Resource" entries={Object.entries(span.resource).sort(([a], [b]) => a.localeCompare(b))} />
      )}
    </aside>
  );
}
