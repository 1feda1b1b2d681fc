"use client";

import Link from "next/link";
import { useMemo, useState } from "react";
import { CopyButton } from "@/components/copy-button";
import { ServiceMap } from "@/components/service-map/service-map";
import { redTotals } from "@/lib/analysis/red-series";
import { useDivergence } from "@/lib/client/queries/divergence";
import { useFailingTraces } from "@/lib/client/queries/failing-traces";
import { useServiceGraph } from "@/lib/client/queries/service-graph";
import { useServiceStats } from "@/lib/client/queries/service-stats";
import { useSlowestTraces } from "@/lib/client/queries/slowest-traces";
import { serviceColors } from "@/lib/client/service-colors";
import { formatUtc } from "@/lib/format";
import { formatWindow, incidentHref, incidentUrl, retargetIncident, type IncidentParams } from "@/lib/incident-params";
import { useUrlState } from "@/lib/client/use-url-state";
import type { ServiceGraph, TimeWindow } from "@/lib/model";
import { IncidentProblems } from "./incident-problems";
import { RedCharts } from "./red-charts";
import { TraceList } from "./trace-list";
import { AttributeDivergence } from "./attribute-divergence";
import { DependencyBreakdown } from "./dependency-breakdown";
import { TopErrors } from "./top-errors";
import { VersionChanges } from "./version-changes";
import { RefreshBar } from "./refresh-bar";
import { type LiveWindow, useLiveWindow } from "./use-live-window";

/**
 * The alert's landing page: RED charts, the service map of the window, the slowest and failing traces.
 * Its parameters are the URL's; `now` is the server's clock, which a link without `at` ends at.
 */
export function IncidentView({ now }: { now: number }) {
  const codec = useMemo(() => incidentUrl(now), [now]);
  // Another service's view is a history entry: Back returns to this one.
  const [parsed, setParsed] = useUrlState(codec, "push");
  if (!parsed.ok) return <IncidentProblems problems={parsed.problems} />;
  const { service, at, windowMs } = parsed.params;
  return <IncidentWindow key={`${service}/${at}/${windowMs}`} params={parsed.params} onService={(name) => setParsed(retargetIncident(parsed.params, name))} />;
}

function IncidentWindow({ params, onService }: { params: IncidentParams; onService(service: string): void }) {
  const { service } = params;
  const [selection, setSelection] = useState<TimeWindow | null>(null);
  const live = useLiveWindow(params, selection !== null);
  const { window } = live;
  const { from, to } = window;
  const graph = useServiceGraph(window);

  if (graph.isPending) return <p className="p-6 text-sm text-slate-500">Loading the service map of the window…</p>;
  if (graph.error) {
    return (
      <p role="alert" className="p-6 text-sm text-red-600 dark:text-red-400">
        Could not load the service graph: {graph.error.message}
      </p>
    );
  }
  const node = graph.data.nodes.find((n) => n.name === service);
  if (!node) {
    return (
      <IncidentProblems
        problems={[
          `No service "${service}" served or made requests between ${formatUtc(from)} and ${formatUtc(to)}. Check the name, the alert time and the window.`,
        ]}
        services={graph.data.nodes.filter((n) => n.type !== "client").map((n) => n.name)}
      />
    );
  }
  return (
    <IncidentDashboard
      params={params}
      live={live}
      selection={selection}
      onSelect={setSelection}
      graph={graph.data}
      p99Ms={node.stats.p99Ms}
      onService={onService}
    />
  );
}

interface DashboardProps {
  params: IncidentParams;
  live: LiveWindow;
  /** A time range dragged on the charts: the lists and the evidence follow it. */
  selection: TimeWindow | null;
  onSelect(range: TimeWindow | null): void;
  graph: ServiceGraph;
  p99Ms: number;
  /** Opens another service's incident view (same alert time and window). */
  onService(service: string): void;
}

function IncidentDashboard({ params, live, selection, onSelect, graph, p99Ms, onService }: DashboardProps) {
  const { service, at, windowMs } = params;
  const { window } = live;
  const { from, to } = window;
  const focus = selection ?? window;
  const stats = useServiceStats(service, window);
  const slowest = useSlowestTraces(service, focus, p99Ms);
  const failing = useFailingTraces(service, focus);
  const changes = useDivergence(service, window, "failing").data?.changes ?? [];
  const colors = useMemo(() => serviceColors(graph.nodes.filter((n) => n.type !== "client").map((n) => n.name)), [graph]);
  const totals = stats.data ? redTotals(stats.data.series) : null;
  const mapHref = `/map?${new URLSearchParams({ from: String(from), to: String(to), service }).toString()}`;

  return (
    <main className="space-y-4 p-4" data-testid="incident-page">
      <header className="flex flex-wrap items-baseline gap-x-4 gap-y-1">
        <h1 className="text-lg font-semibold">
          Incident · <span data-testid="incident-service">{service}</span>
        </h1>
        <p className="text-sm text-slate-600 dark:text-slate-400">
          {params.atGiven ? `alert at ${formatUtc(at)}` : `no alert time in the link: the ${formatWindow(windowMs)} ending ${formatUtc(to)}`} · window{" "}
          {formatWindow(windowMs)} ({formatUtc(from)} → {formatUtc(to)})
        </p>
        <span className="flex flex-wrap gap-x-3 gap-y-1 text-sm sm:ml-auto">
          <Link href={mapHref} className="text-blue-700 hover:underline dark:text-blue-400">
            Open the service map
          </Link>
          <Link
            href={`/traces?${new URLSearchParams({ service, from: String(from), to: String(to) }).toString()}`}
            className="text-blue-700 hover:underline dark:text-blue-400"
          >
            All traces of {service}
          </Link>
          <CopyButton value={() => `${location.origin}${incidentHref(service, at, windowMs)}`} label="Copy link" />
        </span>
      </header>

      {totals && (
        <p className="text-sm text-slate-700 dark:text-slate-300" data-testid="incident-totals">
          {totals.requests} requests · <span className="text-red-700 dark:text-red-400">{totals.faults} faults (5xx)</span> ·{" "}
          <span className="text-amber-700 dark:text-amber-400">{totals.errors} errors (4xx)</span> ·{" "}
          <span className="text-purple-700 dark:text-purple-400">{totals.throttles} throttles (429)</span>
        </p>
      )}
      <RefreshBar live={live} selection={selection} onClear={() => onSelect(null)} />

      <div className="grid grid-cols-1 gap-4 lg:grid-cols-2">
        <DependencyBreakdown service={service} window={focus} at={at} windowMs={windowMs} />
        <div className="min-w-0 space-y-4">
          <AttributeDivergence service={service} window={focus} />
          <TopErrors service={service} window={focus} />
        </div>
      </div>

      {stats.isPending ? (
        <p className="text-sm text-slate-500">Loading statistics…</p>
      ) : stats.error ? (
        <p role="alert" className="text-sm text-red-600 dark:text-red-400">
          Could not load statistics: {stats.error.message}
        </p>
      ) : (
        <RedCharts
          series={stats.data.series}
          stepMs={stats.data.stepMs}
          window={window}
          at={at}
          now={live.refreshedAt}
          changes={changes}
          selection={selection}
          onSelect={onSelect}
        />
      )}
      <VersionChanges changes={changes} />

      <div className="grid grid-cols-1 gap-4 xl:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
        <section className="h-[22rem] overflow-hidden sm:h-[28rem] rounded-md border border-slate-200 dark:border-slate-800">
          <ServiceMap
            graph={graph}
            nodeColors={colors}
            selectedService={service}
            focusService={null}
            focusReach="downstream"
            onSelectService={(name) => {
              const target = graph.nodes.find((n) => n.name === name);
              if (target && target.type !== "client" && target.name !== service) onService(target.name);
            }}
            label={`Service map around ${service}, ${formatUtc(from)} to ${formatUtc(to)}`}
          />
        </section>
        <div className="space-y-4">
          <TraceList
            title={`Slowest traces through ${service}`}
            testId="slowest-traces"
            traces={slowest.data ?? []}
            pending={slowest.isPending}
            error={slowest.error}
            empty="No traces in the window."
          />
          <TraceList
            title={`Failing traces through ${service}`}
            testId="failing-traces"
            traces={failing.traces}
            pending={failing.pending}
            error={failing.error}
            empty="No failing traces in the window."
          />
        </div>
      </div>
    </main>
  );
}
