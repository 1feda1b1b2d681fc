"use client";

import type { KeyboardEvent, MouseEvent } from "react";
import { ringArcs } from "@/lib/analysis/health-ring";
import type { MapNodeLayout } from "@/lib/analysis/service-map-elk";
import { nodeSummary } from "@/lib/analysis/service-map-labels";
import type { NodeLabel } from "@/lib/analysis/service-map-lod";
import { NodeGlyph } from "./node-glyph";
import { RING_STROKE } from "./status-styles";

interface MapNodeProps {
  layout: MapNodeLayout;
  /** The service's colour (as in the Gantt chart); null for inferred and client nodes. */
  fill: string | null;
  selected: boolean;
  focused: boolean;
  dimmed: boolean;
  /** Found by the map's search: a pulsing outline. */
  found?: boolean;
  /** How the name and stats are drawn; null: the node is a dot, named by its tooltip. */
  label: NodeLabel | null;
  onActivate(service: string): void;
  /** Pointer over the node or keyboard focus on it (its name is shown), or gone (null). */
  onHover?(service: string | null): void;
}

/** Halo behind a label drawn over edges and other nodes' room, so it stays readable. */
const HALO = "stroke-white dark:stroke-slate-950 [paint-order:stroke] [stroke-linejoin:round]";

/** One service: health ring, type glyph on the service's colour, name, and "N req · avg X" (under or beside the ring). */
export function MapNode({ layout, fill, selected, focused, dimmed, found = false, label, onActivate, onHover }: MapNodeProps) {
  const { node, ring, x, y, cx, cy, width, height, statsText } = layout;
  const arcs = ringArcs(node.stats, ring.ringR);
  const summary = nodeSummary(node);
  const activate = (e: MouseEvent | KeyboardEvent) => {
    e.stopPropagation();
    onActivate(node.name);
  };
  return (
    <g
      data-testid="map-node"
      data-service={node.name}
      data-selected={selected ? "true" : "false"}
      data-labelled={label ? "true" : "false"}
      role="button"
      tabIndex={0}
      aria-pressed={selected}
      aria-label={summary}
      transform={`translate(${cx} ${cy})`}
      className={`group cursor-pointer outline-none transition-opacity duration-150 ${dimmed ? "opacity-25" : ""}`}
      onClick={activate}
      onPointerEnter={() => onHover?.(node.name)}
      onPointerLeave={() => onHover?.(null)}
      onFocus={() => onHover?.(node.name)}
      onBlur={() => onHover?.(null)}
      onKeyDown={(e) => {
        if (e.key !== "Enter" && e.key !== " ") return;
        e.preventDefault();
        activate(e);
      }}
    >
      <title>{summary}</title>
      {/* The whole box is the hit area, not only the painted strokes and glyphs. */}
      <rect x={x - cx} y={y - cy} width={width} height={height} fill="transparent" />
      {selected && <circle r={ring.outer + 5} strokeWidth={3} className="fill-blue-500/10 stroke-blue-600 dark:fill-sky-400/15 dark:stroke-sky-400" />}
      {focused && !selected && <circle r={ring.outer + 4} strokeWidth={1.5} className="fill-none stroke-blue-400 dark:stroke-sky-300/70" />}
      <circle
        r={ring.outer + 8}
        strokeWidth={1.5}
        strokeDasharray="3 3"
        className="fill-none stroke-blue-600 opacity-0 group-focus-visible:opacity-100 dark:stroke-sky-400"
      />
      {arcs.length === 0 ? (
        <circle r={ring.ringR} strokeWidth={ring.ringWidth / 2} strokeDasharray="2 3" className="fill-none stroke-slate-300 dark:stroke-slate-600" />
      ) : (
        arcs.map((arc) => <path key={arc.status} d={arc.d} fill="none" strokeWidth={ring.ringWidth} className={RING_STROKE[arc.status]} />)
      )}
      {fill ? (
        <circle r={ring.circleR} fill={fill} />
      ) : (
        <circle r={ring.circleR} strokeWidth={1} className="fill-slate-100 stroke-slate-300 dark:fill-slate-800 dark:stroke-slate-600" />
      )}
      <g className={fill ? "text-white" : "text-slate-600 dark:text-slate-300"}>
        <NodeGlyph type={node.type} size={ring.glyph} />
      </g>
      {found && (
        <circle r={ring.outer + 6} strokeWidth={3} className="animate-pulse fill-none stroke-amber-500 dark:stroke-amber-400" data-testid="map-node-found" />
      )}
      {label && (
        <g data-testid="map-node-label" className={label.enlarged ? "pointer-events-none" : undefined}>
          <text
            x={label.x}
            y={label.nameY}
            textAnchor={label.anchor}
            fontSize={label.fontSize}
            strokeWidth={label.enlarged ? label.fontSize * 0.28 : 0}
            className={`fill-slate-800 dark:fill-slate-100 ${label.enlarged ? HALO : ""} ${selected || found ? "font-semibold" : "font-medium"}`}
          >
            {label.text}
          </text>
          {label.stats && (
            <text
              x={label.x}
              y={label.stats.y}
              textAnchor={label.anchor}
              fontSize={label.stats.fontSize}
              strokeWidth={label.enlarged ? label.stats.fontSize * 0.28 : 0}
              className={`fill-slate-500 tabular-nums dark:fill-slate-400 ${label.enlarged ? HALO : ""}`}
            >
              {statsText}
            </text>
          )}
        </g>
      )}
    </g>
  );
}
