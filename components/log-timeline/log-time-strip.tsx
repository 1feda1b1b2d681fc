"use client";

import { useMemo, useRef, type MouseEvent } from "react";
import type { LogIndex } from "@/lib/client/log-filter";
import { levelStyle } from "@/lib/client/log-levels";
import { intervalBand, stripMarkers, stripTicks, type TimeRange } from "@/lib/client/log-time-strip";
import type { Span } from "@/lib/model";
import { useElementWidth } from "./use-element-width";

const STRIP_HEIGHT = 28;
const AXIS_Y = 13;
const MARKER_Y = 17;

interface Props {
  index: LogIndex;
  /** The listed lines, in time order. */
  rows: readonly number[];
  selectedSpan: Span | null;
  range: TimeRange;
  traceStart: number;
  /** The user clicked the strip at this time (absolute epoch ms). */
  onPickTime(time: number): void;
}

/**
 * The listed lines on the Gantt's time axis: ticks relative to the trace start, a marker per pixel
 * column in the colour of its worst level (taller where the selected span's lines are), and the
 * selected span's interval as a band.
 */
export function LogTimeStrip({ index, rows, selectedSpan, range, traceStart, onPickTime }: Props) {
  const ref = useRef<HTMLDivElement>(null);
  const width = useElementWidth(ref);
  const ticks = useMemo(() => stripTicks(range, traceStart, width), [range, traceStart, width]);
  const markers = useMemo(
    () =>
      stripMarkers(index.events, rows, index.spanIds, selectedSpan?.spanId ?? null, range, width).sort(
        (a, b) => levelStyle(a.level).rank - levelStyle(b.level).rank,
      ),
    [index, rows, selectedSpan, range, width],
  );
  const band = selectedSpan ? intervalBand(selectedSpan.startTime, selectedSpan.endTime, range, width) : null;

  function pick(event: MouseEvent<HTMLDivElement>) {
    const box = event.currentTarget.getBoundingClientRect();
    if (box.width > 0) onPickTime(range.from + ((event.clientX - box.left) / box.width) * (range.to - range.from));
  }

  return (
    // A pointer shortcut that scrolls the log list to a moment; the list itself scrolls from the keyboard.
    // eslint-disable-next-line jsx-a11y/click-events-have-key-events, jsx-a11y/no-static-element-interactions
    <div
      ref={ref}
      onClick={pick}
      title="Click to scroll the list to this moment"
      className="shrink-0 cursor-crosshair border-b border-slate-200 bg-slate-50/60 dark:border-slate-800 dark:bg-slate-900/40"
      style={{ height: STRIP_HEIGHT }}
    >
      {width > 0 && (
        <svg width={width} height={STRIP_HEIGHT} role="img" aria-label={`${rows.length} log lines over time`} className="block">
          {band && <rect x={band.x} y={AXIS_Y} width={band.width} height={STRIP_HEIGHT - AXIS_Y} className="fill-blue-500/15 dark:fill-blue-400/20" />}
          {ticks.map((t) => {
            const x = Math.round(t.fraction * width) + 0.5;
            const nearEnd = x > width - 48;
            return (
              <g key={t.label}>
                <line x1={x} x2={x} y1={AXIS_Y - 2} y2={STRIP_HEIGHT} className="stroke-slate-300 dark:stroke-slate-700" />
                <text
                  x={nearEnd ? x - 3 : x + 3}
                  y={10}
                  textAnchor={nearEnd ? "end" : "start"}
                  className="fill-slate-500 text-[10px] tabular-nums dark:fill-slate-400"
                >
                  {t.label}
                </text>
              </g>
            );
          })}
          {markers.map((m) => (
            <rect
              key={m.x}
              x={Math.min(m.x, width - 2)}
              y={m.selected ? AXIS_Y : MARKER_Y}
              width={2}
              height={STRIP_HEIGHT - (m.selected ? AXIS_Y : MARKER_Y)}
              shapeRendering="crispEdges"
              className={levelStyle(m.level).marker}
            />
          ))}
        </svg>
      )}
    </div>
  );
}
