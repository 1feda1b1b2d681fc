"use client";

import { useMemo, useRef, useState, type ReactNode } from "react";
import { EDGE_LABEL, type MapLayout } from "@/lib/analysis/service-map-elk";
import { edgeKey, type FocusReach, neighbourhood } from "@/lib/analysis/service-map-focus";
import { selectLabels } from "@/lib/analysis/service-map-lod";
import { aspectStep, fitViewBox, viewBoxAttr, type Size } from "@/lib/analysis/service-map-viewport";
import type { ServiceEdge, ServiceGraph } from "@/lib/model";
import { MapControls } from "./map-controls";
import { MapEdge } from "./map-edge";
import { MapLegend } from "./map-legend";
import { MapNode } from "./map-node";
import { MapSearch, SEARCH_BOX_PX } from "./map-search";
import { useElementSize } from "./use-element-size";
import { laidOutAtOnce } from "@/lib/analysis/service-map-dagre";
import { useElkLayout } from "./use-elk-layout";
import { FIRST_PAINT_MAP_ASPECT } from "@/components/first-paint";
import { usePanZoom } from "./use-pan-zoom";

export interface ServiceMapProps {
  graph: ServiceGraph;
  /** Fill colour per service name; nodes without one (inferred callees, the client) are neutral. */
  nodeColors: ReadonlyMap<string, string>;
  selectedService: string | null;
  focusService: string | null;
  /** What stays bright around the selected service: its neighbours (default), or everything below it too. */
  focusReach?: FocusReach;
  onSelectService(service: string | null): void;
  /** Makes edges selectable: clicking one calls this with it. */
  onSelectEdge?(edge: ServiceEdge): void;
  /** The selected edge's `edgeKey`, outlined. */
  selectedEdge?: string | null;
  /** Accessible name of the drawing. */
  label: string;
  /** Shows a "find a service" box that centres the service picked. */
  searchable?: boolean;
  /**
   * The panel's size until it is measured (the server render and the render that hydrates it), for
   * a graph laid out at once: the fit and the labels are then those of that size, not of the
   * layout's own at zoom 1 (components/first-paint.ts).
   */
  firstPaintSize?: Size;
}

/** Edge labels ("12 × avg 40 ms") are drawn when at least this tall on screen. */
const MIN_EDGE_LABEL_PX = 7.5;
/** Zoom (screen pixels per unit) a found service is shown at, at least: every name readable. */
const FOUND_SCALE = 1.1;

/**
 * A service graph laid out by ELK (left to right; top to bottom when the panel is too narrow for
 * that to be legible), drawn in a pannable, zoomable SVG that fills its parent.
 */
export function ServiceMap(props: ServiceMapProps) {
  const rootRef = useRef<HTMLDivElement>(null);
  const measured = useElementSize(rootRef);
  // A small graph is laid out at once, even before the panel is measured (the server render, and
  // the render that hydrates it): for the usual panel shape (or the size the caller expects), then
  // for the measured one if it differs.
  const atOnce = laidOutAtOnce(props.graph);
  const size = measured ?? (atOnce ? (props.firstPaintSize ?? null) : null);
  const result = useElkLayout(props.graph, size ? aspectStep(size) : atOnce ? FIRST_PAINT_MAP_ASPECT : null);
  return (
    <div
      ref={rootRef}
      data-testid="service-map"
      data-layout-engine={result.engine ?? undefined}
      data-compact={result.status === "ready" && result.layout.compact ? "true" : undefined}
      className="relative h-full w-full overflow-hidden bg-white select-none dark:bg-slate-950"
    >
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

function MapCanvas(props: MapCanvasProps) {
  const {
    graph,
    nodeColors,
    selectedService,
    focusService,
    focusReach = "neighbours",
    onSelectService,
    onSelectEdge,
    selectedEdge,
    label,
    layout,
    size,
    searchable,
  } = props;
  const svgRef = useRef<SVGSVGElement>(null);
  // The search box sits over the map's top edge: fit the graph below it.
  const fit = useMemo(() => fitViewBox(layout, size, undefined, searchable ? { top: SEARCH_BOX_PX } : undefined), [layout, size, searchable]);
  const view = usePanZoom(svgRef, fit, layout);
  const bright = useMemo(() => neighbourhood(graph, selectedService, focusReach), [graph, selectedService, focusReach]);
  const select = (service: string) => onSelectService(service === selectedService ? null : service);
  const [hovered, setHovered] = useState<string | null>(null);
  const [found, setFound] = useState<string | null>(null);
  // Screen pixels per user unit (the SVG scales the drawing to "meet" the panel).
  const scale = size ? Math.min(size.width / view.box.width, size.height / view.box.height) : 1;
  const labels = useMemo(() => {
    const pinned = new Set([selectedService, focusService, hovered, found].filter((n): n is string => n !== null));
    return selectLabels({ nodes: layout.nodes, scale, view: view.box, pinned, related: bright?.nodes ?? new Set() });
  }, [layout.nodes, scale, view.box, selectedService, focusService, hovered, found, bright]);
  const showEdgeLabels = scale * EDGE_LABEL.font >= MIN_EDGE_LABEL_PX;
  const names = useMemo(() => layout.nodes.map((n) => n.node.name), [layout.nodes]);
  const centre = (name: string) => {
    const n = layout.nodes.find((x) => x.node.name === name);
    if (!n || !size) return;
    setFound(name);
    view.centreOn({ x: n.cx, y: n.cy }, size.width / FOUND_SCALE);
  };

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
              showLabel={showEdgeLabels}
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
              dimmed={bright !== null && !bright.nodes.has(name) && name !== focusService && name !== found}
              found={name === found}
              label={labels.get(name) ?? null}
              onActivate={select}
              onHover={setHovered}
            />
          );
        })}
      </svg>
      <MapControls
        onZoomIn={view.zoomIn}
        onZoomOut={view.zoomOut}
        onReset={() => {
          setFound(null);
          view.reset();
        }}
      />
      {searchable && <MapSearch names={names} onPick={centre} />}
    </>
  );
}
