"use client";

import Link from "next/link";
import { TraceList } from "@/components/incident/trace-list";
import { useServiceStats, useSlowestTraces } from "@/components/incident/window-queries";
import { incidentHref } from "@/lib/incident-params";
import type { ServiceEdge, ServiceNode } from "@/lib/model";
import type { TimeWindow } from "@/lib/sources/source";
import { LatencyHistogram } from "./latency-histogram";
import { StatsTable } from "./stats-table";

const PANEL = "w-96 shrink-0 space-y-4 overflow-y-auto border-l border-slate-200 p-4 dark:border-slate-800";

function PanelHeader({ title, onClose }: { title: string; onClose(): void }) {
  return (
    <div className="flex items-start gap-2">
      <h2 className="min-w-0 flex-1 break-words font-semibold">{title}</h2>
      <button type="button" onClick={onClose} aria-label="Close panel" className="rounded px-1.5 text-slate-500 hover:bg-slate-100 dark:hover:bg-slate-800">
        ✕
      </button>
    </div>
  );
}

/** A selected service: its stats, latency histogram, slowest traces and a link to all of them. */
export function NodePanel({ node, window, onClose }: { node: ServiceNode; window: TimeWindow; onClose(): void }) {
  const stats = useServiceStats(node.name, window);
  const slowest = useSlowestTraces(node.name, window, node.stats.p99Ms);
  const traces = new URLSearchParams({ service: node.name, from: String(window.from), to: String(window.to) });
  const incident = incidentHref(node.name, window.from + ((window.to - window.from) * 2) / 3, window.to - window.from);
  return (
    <aside className={PANEL} data-testid="map-node-panel" data-service={node.name}>
      <PanelHeader title={node.name} onClose={onClose} />
      <p className="-mt-3 text-xs text-slate-500">{node.type}</p>
      <StatsTable stats={node.stats} />
      <section>
        <h3 className="mb-1 text-xs font-semibold uppercase tracking-wide text-slate-500 dark:text-slate-400">Latency histogram</h3>
        {stats.isPending ? (
          <p className="py-4 text-sm text-slate-500">Loading…</p>
        ) : stats.error ? (
          <p role="alert" className="text-sm text-red-600 dark:text-red-400">
            Could not load statistics: {stats.error.message}
          </p>
        ) : (
          <LatencyHistogram buckets={stats.data.histogram} />
        )}
      </section>
      <p className="flex flex-wrap gap-x-4 text-sm">
        <Link href={`/traces?${traces.toString()}`} className="text-blue-700 hover:underline dark:text-blue-400">
          Traces of this service
        </Link>
        <Link href={incident} className="text-blue-700 hover:underline dark:text-blue-400">
          Incident view
        </Link>
      </p>
      <TraceList
        title="Slowest traces"
        testId="slowest-traces"
        traces={slowest.data ?? []}
        pending={slowest.isPending}
        error={slowest.error}
        empty="No traces through this service in the window."
        compact
      />
    </aside>
  );
}

/** A selected edge: the calls from one service to the other. */
export function EdgePanel({ edge, onClose }: { edge: ServiceEdge; onClose(): void }) {
  return (
    <aside className={PANEL} data-testid="map-edge-panel">
      <PanelHeader title={`${edge.source} → ${edge.target}`} onClose={onClose} />
      <p className="-mt-3 text-xs text-slate-500">Calls from {edge.source} to {edge.target}</p>
      <StatsTable stats={edge.stats} />
    </aside>
  );
}
