"use client";

import type { KeyboardEvent, MouseEvent } from "react";
import { ringArcs } from "@/lib/analysis/health-ring";
import { NODE, RING_OUTER, type MapNodeLayout } from "@/lib/analysis/service-map-elk";
import { nodeSummary } from "@/lib/analysis/service-map-labels";
import { NodeGlyph } from "./node-glyph";
import { RING_STROKE } from "./status-styles";

interface MapNodeProps {
  layout: MapNodeLayout;
  /** The service's colour (as in the Gantt chart); null for inferred and client nodes. */
  fill: string | null;
  selected: boolean;
  focused: boolean;
  dimmed: boolean;
  onActivate(service: string): void;
}

/** One service: health ring, type glyph on the service's colour, name, and "N req · avg X" (under or beside the ring). */
export function MapNode({ layout, fill, selected, focused, dimmed, onActivate }: MapNodeProps) {
  const { node, x, y, cx, cy, width, height, label, statsText, text } = layout;
  const arcs = ringArcs(node.stats, NODE.ringR);
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
      role="button"
      tabIndex={0}
      aria-pressed={selected}
      aria-label={summary}
      transform={`translate(${cx} ${cy})`}
      className={`group cursor-pointer outline-none transition-opacity duration-150 ${dimmed ? "opacity-25" : ""}`}
      onClick={activate}
      onKeyDown={(e) => {
        if (e.key !== "Enter" && e.key !== " ") return;
        e.preventDefault();
        activate(e);
      }}
    >
      <title>{summary}</title>
      {/* The whole box is the hit area, not only the painted strokes and glyphs. */}
      <rect x={x - cx} y={y - cy} width={width} height={height} fill="transparent" />
      {selected && (
        <circle r={RING_OUTER + 5} strokeWidth={3} className="fill-blue-500/10 stroke-blue-600 dark:fill-sky-400/15 dark:stroke-sky-400" />
      )}
      {focused && !selected && (
        <circle r={RING_OUTER + 4} strokeWidth={1.5} className="fill-none stroke-blue-400 dark:stroke-sky-300/70" />
      )}
      <circle
        r={RING_OUTER + 8}
        strokeWidth={1.5}
        strokeDasharray="3 3"
        className="fill-none stroke-blue-600 opacity-0 group-focus-visible:opacity-100 dark:stroke-sky-400"
      />
      {arcs.length === 0 ? (
        <circle r={NODE.ringR} strokeWidth={NODE.ringWidth / 2} strokeDasharray="2 3" className="fill-none stroke-slate-300 dark:stroke-slate-600" />
      ) : (
        arcs.map((arc) => <path key={arc.status} d={arc.d} fill="none" strokeWidth={NODE.ringWidth} className={RING_STROKE[arc.status]} />)
      )}
      {fill ? (
        <circle r={NODE.circleR} fill={fill} />
      ) : (
        <circle r={NODE.circleR} strokeWidth={1} className="fill-slate-100 stroke-slate-300 dark:fill-slate-800 dark:stroke-slate-600" />
      )}
      <g className={fill ? "text-white" : "text-slate-600 dark:text-slate-300"}>
        <NodeGlyph type={node.type} size={18} />
      </g>
      <text
        x={text.x}
        y={text.nameY}
        textAnchor={text.anchor}
        fontSize={NODE.nameFont}
        className={`fill-slate-800 dark:fill-slate-100 ${selected ? "font-semibold" : "font-medium"}`}
      >
        {label}
      </text>
      <text x={text.x} y={text.statsY} textAnchor={text.anchor} fontSize={NODE.statsFont} className="fill-slate-500 tabular-nums dark:fill-slate-400">
        {statsText}
      </text>
    </g>
  );
}
