"use client";

import { useMemo, useState } from "react";
import { CopyButton } from "@/components/copy-button";
import { useServiceGraph } from "@/lib/client/queries/service-graph";
import { ServiceMap } from "@/components/service-map/service-map";
import { edgeKey } from "@/lib/analysis/service-map-focus";
import { serviceColors } from "@/lib/client/service-colors";
import { formatUtc } from "@/lib/format";
import { useUrlState } from "@/lib/client/use-url-state";
import { MAP_RANGES, mapHref, mapUrl, mapWindowBounds, type MapRange, type MapWindow } from "@/lib/map-params";
import { EdgePanel, NodePanel } from "./map-side-panel";

const windowKey = (w: MapWindow) => (w.kind === "relative" ? w.range : `${w.from}-${w.to}`);

/** The service graph of a time window; a selected node or edge opens a side panel. All state is in the URL. */
export function MapPageView({ initialNow }: { initialNow: number }) {
  const [state, go] = useUrlState(mapUrl);
  // A relative window is resolved once, so selecting a node does not move it; "Refresh" or another window does.
  // First the server's clock: rendering Date.now() on both sides would differ and break hydration.
  const [clock, setClock] = useState({ window: windowKey(state.window), now: initialNow });
  if (clock.window !== windowKey(state.window)) setClock({ window: windowKey(state.window), now: Date.now() });
  const now = clock.now;
  const setNow = (at: number) => setClock({ window: windowKey(state.window), now: at });
  const window = useMemo(() => mapWindowBounds(state.window, now), [state.window, now]);
  const graph = useServiceGraph(window);
  const colors = useMemo(() => serviceColors((graph.data?.nodes ?? []).filter((n) => n.type !== "client").map((n) => n.name)), [graph.data]);
  const node = graph.data?.nodes.find((n) => n.name === state.service) ?? null;
  const edge = state.edge ? (graph.data?.edges.find((e) => e.source === state.edge?.source && e.target === state.edge?.target) ?? null) : null;

  return (
    // On a phone the page scrolls: the map at a fixed height, the selected node's panel below it.
    <main className="flex h-[calc(100vh-2.75rem)] flex-col max-md:h-auto" data-testid="map-page">
      <header className="flex flex-wrap items-center gap-3 border-b border-slate-200 px-4 py-2 dark:border-slate-800">
        <h1 className="font-semibold">Service map</h1>
        <div className="flex overflow-hidden rounded border border-slate-300 text-sm dark:border-slate-700" role="group" aria-label="Time range">
          {(Object.keys(MAP_RANGES) as MapRange[]).map((range) => {
            const active = state.window.kind === "relative" && state.window.range === range;
            return (
              <button
                key={range}
                type="button"
                aria-pressed={active}
                onClick={() => go({ ...state, window: { kind: "relative", range } })}
                className={`px-2.5 py-1 max-md:min-h-10 ${active ? "bg-blue-600 text-white" : "hover:bg-slate-100 dark:hover:bg-slate-800"}`}
              >
                last {range}
              </button>
            );
          })}
        </div>
        <span className="text-sm text-slate-600 dark:text-slate-400">
          {formatUtc(window.from)} → {formatUtc(window.to)}
        </span>
        <span className="ml-auto flex items-center gap-3 text-sm">
          {state.window.kind === "relative" && (
            <button type="button" onClick={() => setNow(Date.now())} className="text-blue-700 hover:underline dark:text-blue-400 max-md:min-h-10 max-md:px-2">
              Refresh
            </button>
          )}
          <CopyButton value={() => `${location.origin}${mapHref({ ...state, window: { kind: "absolute", ...window } })}`} label="Copy link" />
        </span>
      </header>
      <div className="flex min-h-0 flex-1 max-md:flex-col">
        <div className="relative min-w-0 flex-1 max-md:h-[58dvh] max-md:flex-none">
          {graph.isPending ? (
            <p className="p-6 text-sm text-slate-500">Loading the service graph…</p>
          ) : graph.error ? (
            <p role="alert" className="p-6 text-sm text-red-600 dark:text-red-400">
              Could not load the service graph: {graph.error.message}
            </p>
          ) : (
            <ServiceMap
              graph={graph.data}
              nodeColors={colors}
              selectedService={node?.name ?? null}
              focusService={null}
              onSelectService={(service) => go({ ...state, service, edge: null })}
              onSelectEdge={(e) => go({ ...state, service: null, edge: { source: e.source, target: e.target } })}
              selectedEdge={edge ? edgeKey(edge) : null}
              label={`Service map, ${formatUtc(window.from)} to ${formatUtc(window.to)}`}
              searchable
            />
          )}
        </div>
        {node && <NodePanel key={node.name} node={node} window={window} onClose={() => go({ ...state, service: null })} />}
        {edge && <EdgePanel edge={edge} onClose={() => go({ ...state, edge: null })} />}
      </div>
      {graph.data && state.service !== null && !node && (
        <p role="status" className="border-t border-slate-200 px-4 py-2 text-sm text-amber-700 dark:border-slate-800 dark:text-amber-400">
          No service &quot;{state.service}&quot; in this window.
        </p>
      )}
    </main>
  );
}
