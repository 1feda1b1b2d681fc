import type { KeyboardEvent, MouseEvent } from "react";
import { edgeGeometry } from "@/lib/analysis/service-map-edge-path";
import { EDGE_LABEL, type MapEdgeLayout } from "@/lib/analysis/service-map-elk";
import { edgeSummary } from "@/lib/analysis/service-map-labels";
import type { ServiceEdge } from "@/lib/model";
import { EDGE_FILL, EDGE_STROKE, EDGE_TEXT } from "./status-styles";

interface MapEdgeProps {
  layout: MapEdgeLayout;
  dimmed: boolean;
  selected: boolean;
  /** False when zoomed too far out for the "N × avg X" label to be read. */
  showLabel?: boolean;
  /** Present when edges are selectable. */
  onActivate?(edge: ServiceEdge): void;
}

/** A call edge, caller → callee, coloured by its worst status, labelled "N × avg X". */
export function MapEdge({ layout, dimmed, selected, showLabel = true, onActivate }: MapEdgeProps) {
  const { edge, status, points, label } = layout;
  const { d, arrow } = edgeGeometry(points);
  const activatable = onActivate
    ? {
        role: "button",
        tabIndex: 0,
        "aria-label": edgeSummary(edge),
        "aria-pressed": selected,
        "data-testid": "map-edge",
        "data-source": edge.source,
        "data-target": edge.target,
        onClick: (e: MouseEvent) => {
          e.stopPropagation();
          onActivate(edge);
        },
        onKeyDown: (e: KeyboardEvent) => {
          if (e.key !== "Enter" && e.key !== " ") return;
          e.preventDefault();
          e.stopPropagation();
          onActivate(edge);
        },
      }
    : {};
  return (
    // outline-none: the browser's focus ring is the group's bounding box, for a long diagonal edge a
    // large rectangle over unrelated nodes; the focus is drawn along the edge instead.
    <g className={`group outline-none transition-opacity duration-150 ${dimmed ? "opacity-15" : ""} ${onActivate ? "cursor-pointer" : ""}`} {...activatable}>
      <title>{edgeSummary(edge)}</title>
      {onActivate && <path d={d} fill="none" stroke="transparent" strokeWidth={12} />}
      {onActivate && (
        <path
          d={d}
          fill="none"
          strokeWidth={5}
          data-testid="map-edge-focus"
          className="stroke-blue-600 opacity-0 group-focus-visible:opacity-100 dark:stroke-sky-400"
        />
      )}
      {selected && <path d={d} fill="none" strokeWidth={6} className="stroke-blue-500/40 dark:stroke-sky-400/40" />}
      <path d={d} fill="none" strokeWidth={status === "ok" ? 1.25 : 2} className={EDGE_STROKE[status]} />
      <polygon points={arrow} className={EDGE_FILL[status]} />
      {label && showLabel && (
        <g>
          <rect x={label.x} y={label.y} width={label.width} height={label.height} rx={2} className="fill-white/85 dark:fill-slate-950/85" />
          <text
            x={label.x + label.width / 2}
            y={label.y + label.height / 2}
            textAnchor="middle"
            dominantBaseline="central"
            fontSize={EDGE_LABEL.font}
            className={`tabular-nums ${EDGE_TEXT[status]}`}
          >
            {label.text}
          </text>
        </g>
      )}
    </g>
  );
}
