import { edgeGeometry } from "@/lib/analysis/service-map-edge-path";
import { EDGE_LABEL, type MapEdgeLayout } from "@/lib/analysis/service-map-elk";
import { edgeSummary } from "@/lib/analysis/service-map-labels";
import { EDGE_FILL, EDGE_STROKE, EDGE_TEXT } from "./status-styles";

/** A call edge, caller → callee, coloured by its worst status, labelled "N × avg X". */
export function MapEdge({ layout, dimmed }: { layout: MapEdgeLayout; dimmed: boolean }) {
  const { edge, status, points, label } = layout;
  const { d, arrow } = edgeGeometry(points);
  return (
    <g className={`transition-opacity duration-150 ${dimmed ? "opacity-15" : ""}`}>
      <title>{edgeSummary(edge)}</title>
      <path d={d} fill="none" strokeWidth={status === "ok" ? 1.25 : 2} className={EDGE_STROKE[status]} />
      <polygon points={arrow} className={EDGE_FILL[status]} />
      {label && (
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
