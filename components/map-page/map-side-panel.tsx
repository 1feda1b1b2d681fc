"use client";

import Link from "next/link";
import { useEffect, useRef } from "react";
import { TraceList } from "@/components/incident/trace-list";
import { useServiceStats } from "@/lib/client/queries/service-stats";
import { useSlowestTraces } from "@/lib/client/queries/slowest-traces";
import { incidentHref } from "@/lib/incident-params";
import type { ServiceEdge, ServiceNode, TimeWindow } from "@/lib/model";
import { LatencyHistogram } from "./latency-histogram";
import { StatsTable } from "./stats-table";
import { PHONE_QUERY } from "@/components/use-phone-layout";

const PANEL =
  "w-96 shrink-0 space-y-4 overflow-y-auto border-l border-slate-200 p-4 dark:border-slate-800 max-md:w-full max-md:scroll-mt-2 max-md:overflow-visible max-md:border-l-0 max-md:border-t";

/** On a phone the panel is below the map: bring it into view when it opens. */
function useRevealOnPhone() {
  const ref = useRef<HTMLElement>(null);
  useEffect(() => {
    if (window.matchMedia(PHONE_QUERY).matches) ref.current?.scrollIntoView({ block: "start", behavior: "smooth" });
  }, []);
  return ref;
}

function PanelHeader({ title, onClose }: { title: string; onClose(): void }) {
  return (
    <div className="flex items-start gap-2">
      <h2 className="min-w-0 flex-1 break-words font-semibold">{title}</h2>
      <button
        type="button"
        onClick={onClose}
        aria-label="Close panel"
        className="rounded px-1.5 text-slate-500 hover:bg-slate-100 dark:hover:bg-slate-800 max-md:-mr-2 max-md:-mt-2 max-md:h-10 max-md:w-10"
      >
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
  const ref = useRevealOnPhone();
  return (
    <aside ref={ref} className={PANEL} data-testid="map-node-panel" data-service={node.name}>
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
        <Link
          href={`/traces?${traces.toString()}`}
          className="text-blue-700 hover:underline dark:text-blue-400 max-md:inline-flex max-md:min-h-10 max-md:items-center"
        >
          Traces of this service
        </Link>
        <Link href={incident} className="text-blue-700 hover:underline dark:text-blue-400 max-md:inline-flex max-md:min-h-10 max-md:items-center">
          Incident view
        </Link>
      </p>
      {/* Its rows are links: on a phone, tall enough to tap. */}
      <div className="max-md:[&_li>a]:min-h-10">
        <TraceList
          title="Slowest traces"
          testId="slowest-traces"
          traces={slowest.data ?? []}
          pending={slowest.isPending}
          error={slowest.error}
          empty="No traces through this service in the window."
          compact
        />
      </div>
    </aside>
  );
}

/** A selected edge: the calls from one service to the other. */
export function EdgePanel({ edge, onClose }: { edge: ServiceEdge; onClose(): void }) {
  const ref = useRevealOnPhone();
  return (
    <aside ref={ref} className={PANEL} data-testid="map-edge-panel">
      <PanelHeader title={`${edge.source} → ${edge.target}`} onClose={onClose} />
      <p className="-mt-3 text-xs text-slate-500">
        Calls from {edge.source} to {edge.target}
      </p>
      <StatsTable stats={edge.stats} />
    </aside>
  );
}
