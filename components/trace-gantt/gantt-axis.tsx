"use client";

import { memo, useRef } from "react";
import { axisLabels } from "@/lib/analysis/axis-labels";
import { niceTicks, type ZoomRange } from "@/lib/analysis/time-axis";
import { useElementSize } from "@/components/service-map/use-element-size";
import { useDragRange } from "./use-drag-range";

interface Props {
  /** Visible range, ms relative to the trace start. */
  range: ZoomRange;
  onZoom(range: ZoomRange): void;
}

/** The shared time axis: ticks relative to the trace start; drag across it to zoom in. */
export function GanttAxis({ range, onZoom }: Props) {
  const width = range.to - range.from;
  const { draft, handlers } = useDragRange((sel) => onZoom({ from: range.from + sel.from * width, to: range.from + sel.to * width }));
  const axis = useRef<HTMLDivElement>(null);
  const size = useElementSize(axis);
  // Labels that would overlap are left out (the grid lines stay); none until the width is known.
  const labels = size ? axisLabels(niceTicks(range.from, range.to, 8), range.from, range.to, size.width) : [];
  return (
    <div
      ref={axis}
      {...handlers}
      data-testid="gantt-axis"
      title="Drag to zoom into a time range"
      className="relative h-6 cursor-col-resize touch-none select-none border-b border-slate-200 text-[10px] text-slate-500 dark:border-slate-800 dark:text-slate-400"
    >
      {labels.map((t) => (
        <span
          key={t.value}
          className={`absolute top-0 h-full whitespace-nowrap border-slate-300 leading-6 dark:border-slate-700 ${t.anchor === "end" ? "-translate-x-full border-r pr-1" : "border-l pl-1"}`}
          style={{ left: `${t.leftPercent}%` }}
        >
          {t.label}
        </span>
      ))}
      {draft && (
        <span
          className="absolute top-0 h-full bg-blue-500/25 outline outline-1 outline-blue-500"
          style={{ left: `${draft.from * 100}%`, width: `${(draft.to - draft.from) * 100}%` }}
        />
      )}
    </div>
  );
}

/** Vertical tick lines behind the rows, matching the axis (drawn again only when the range changes). */
export const GanttGrid = memo(function GanttGrid({ range }: { range: ZoomRange }) {
  const width = range.to - range.from;
  return (
    <div aria-hidden className="pointer-events-none absolute inset-0">
      {niceTicks(range.from, range.to, 8).map((t) => (
        <span
          key={t.value}
          className="absolute top-0 h-full border-l border-slate-100 dark:border-slate-800/70"
          style={{ left: `${((t.value - range.from) / width) * 100}%` }}
        />
      ))}
    </div>
  );
});
