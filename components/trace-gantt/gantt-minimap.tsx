"use client";

import { memo, useEffect, useRef } from "react";
import type { ZoomRange } from "@/lib/analysis/time-axis";
import type { Span, Trace } from "@/lib/model";
import { colorOf } from "@/lib/client/service-colors";
import { useDragRange } from "./use-drag-range";

interface Props {
  trace: Trace;
  colors: Map<string, string>;
  /** Visible range, ms relative to the trace start; null = the whole trace. */
  zoom: ZoomRange | null;
  onZoom(range: ZoomRange): void;
}

const HEIGHT = 36;

/** The whole trace in miniature (drawn on a canvas: 100,000 spans are one paint), with the zoom window. */
export const GanttMinimap = memo(function GanttMinimap({ trace, colors, zoom, onZoom }: Props) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const total = Math.max(trace.durationMs, 0.001);
  const { draft, handlers } = useDragRange((sel) => onZoom({ from: sel.from * total, to: sel.to * total }));

  useEffect(() => {
    const el = canvas.current;
    if (!el) return;
    const draw = () => {
      const width = el.clientWidth;
      const ratio = window.devicePixelRatio || 1;
      el.width = width * ratio;
      el.height = HEIGHT * ratio;
      const ctx = el.getContext("2d");
      if (!ctx) return;
      ctx.scale(ratio, ratio);
      ctx.clearRect(0, 0, width, HEIGHT);
      const spans: readonly Span[] = trace.spans;
      const rowHeight = Math.max(HEIGHT / Math.max(spans.length, 1), 0.25);
      for (let i = 0; i < spans.length; i++) {
        const s = spans[i];
        ctx.fillStyle = s.status === "ok" ? colorOf(colors, s.service) : s.status === "fault" ? "#dc2626" : s.status === "throttle" ? "#9333ea" : "#eab308";
        const x = ((s.startTime - trace.startTime) / total) * width;
        ctx.fillRect(x, i * rowHeight, Math.max((s.durationMs / total) * width, 1), Math.max(rowHeight, 1));
      }
    };
    draw();
    const observer = new ResizeObserver(draw);
    observer.observe(el);
    return () => observer.disconnect();
  }, [trace, colors, total]);

  const window_ = draft ?? (zoom ? { from: zoom.from / total, to: zoom.to / total } : null);
  return (
    <div
      {...handlers}
      data-testid="gantt-minimap"
      title="Drag to zoom"
      className="relative cursor-crosshair touch-none select-none border-b border-slate-200 dark:border-slate-800"
      style={{ height: HEIGHT }}
    >
      <canvas ref={canvas} className="absolute inset-0 h-full w-full opacity-80" />
      {window_ && (
        <span
          className="absolute top-0 h-full bg-blue-500/15 outline outline-2 outline-blue-500"
          style={{ left: `${window_.from * 100}%`, width: `${Math.max((window_.to - window_.from) * 100, 0.3)}%` }}
        />
      )}
    </div>
  );
});
