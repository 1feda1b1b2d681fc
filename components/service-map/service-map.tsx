"use client";

import { useMemo, useRef, type ReactNode } from "react";
import type { MapLayout } from "@/lib/analysis/service-map-elk";
import { edgeKey, neighbourhood } from "@/lib/analysis/service-map-focus";
import { aspectStep, fitViewBox, viewBoxAttr, type Size } from "@/lib/analysis/service-map-viewport";
import type { ServiceEdge, ServiceGraph } from "@/lib/model";
import { MapControls } from "./map-controls";
import { MapEdge } from "./map-edge";
import { MapLegend } from "./map-legend";
import { MapNode } from "./map-node";
import { useElementSize } from "./use-element-size";
import { useElkLayout } from "./use-elk-layout";
import { usePanZoom } from "./use-pan-zoom";

export interface ServiceMapProps {
  graph: ServiceGraph;
  /** Fill colour per service name; nodes without one (inferred callees, the client) are neutral. */
  nodeColors: ReadonlyMap<string, string>;
  selectedService: string | null;
  focusService: string | null;
  onSelectService(service: string | null): void;
  /** Makes edges selectable: clicking one calls this with it. */
  onSelectEdge?(edge: ServiceEdge): void;
  /** The selected edge's `edgeKey`, outlined. */
  selectedEdge?: string | null;
  /** Accessible name of the drawing. */
  label: string;
}

/**
 * A service graph laid out by ELK (left to right; top to bottom when the panel is too narrow for
 * that to be legible), drawn in a pannable, zoomable SVG that fills its parent.
 */
export function ServiceMap(props: ServiceMapProps) {
  const rootRef = useRef<HTMLDivElement>(null);
  const size = useElementSize(rootRef);
  const result = useElkLayout(props.graph, size ? aspectStep(size) : null);
  return (
    <div ref={rootRef} data-testid="service-map" className="relative h-full w-full overflow-hidden bg-white select-none dark:bg-slate-950">
      {props.graph.nodes.length === 0 ? (
        <Notice>No services in this trace.</Notice>
      ) : result.status === "pending" ? (
        <Notice>Laying out…</Notice>
      ) : result.status === "failed" ? (
        <Notice>Could not lay out the service map: {result.message}</Notice>
      ) : (
        <MapCanvas {...props} layout={result.layout} size={size} />
      )}
      <MapLegend />
    </div>
  );
}

function Notice({ children }: { children: ReactNode }) {
  return <p className="absolute inset-0 grid place-items-center p-4 text-center text-xs text-slate-400 dark:text-slate-500">{children}</p>;
}

interface MapCanvasProps extends ServiceMapProps {
  layout: MapLayout;
  size: Size | null;
}

function MapCanvas({ graph, nodeColors, selectedService, focusService, onSelectService, onSelectEdge, selectedEdge, label, layout, size }: MapCanvasProps) {
  const svgRef = useRef<SVGSVGElement>(null);
  const fit = useMemo(() => fitViewBox(layout, size), [layout, size]);
  const view = usePanZoom(svgRef, fit, layout);
  const bright = useMemo(() => neighbourhood(graph, selectedService), [graph, selectedService]);
  const select = (service: string) => onSelectService(service === selectedService ? null : service);

  return (
    <>
      <svg
        ref={svgRef}
        viewBox={viewBoxAttr(view.box)}
        preserveAspectRatio="xMidYMid meet"
        role="group"
        aria-label={label}
        className={`h-full w-full touch-none ${view.panning ? "cursor-grabbing" : "cursor-grab"}`}
        onClick={() => {
          if (selectedService !== null) onSelectService(null);
        }}
        onKeyDown={(e) => {
          if (e.key === "Escape" && selectedService !== null) onSelectService(null);
        }}
        {...view.handlers}
      >
        {layout.edges.map((e) => {
          const key = edgeKey(e.edge);
          return (
            <MapEdge
              key={key}
              layout={e}
              dimmed={bright !== null && !bright.edges.has(key)}
              selected={key === selectedEdge}
              onActivate={onSelectEdge}
            />
          );
        })}
        {layout.nodes.map((n) => {
          const name = n.node.name;
          return (
            <MapNode
              key={name}
              layout={n}
              fill={nodeColors.get(name) ?? null}
              selected={name === selectedService}
              focused={name === focusService}
              dimmed={bright !== null && !bright.nodes.has(name) && name !== focusService}
              onActivate={select}
            />
          );
        })}
      </svg>
      <MapControls onZoomIn={view.zoomIn} onZoomOut={view.zoomOut} onReset={view.reset} />
    </>
  );
}
