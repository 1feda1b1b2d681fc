"use client";

import { memo, useEffect, useRef } from "react";
import type { ZoomRange } from "@/lib/analysis/time-axis";
import type { MinimapCells } from "@/lib/analysis/trace-outline";
import type { Span, SpanStatus, Trace } from "@/lib/model";
import { colorOf } from "@/lib/client/service-colors";
import { useDragRange } from "./use-drag-range";

interface Props {
  durationMs: number;
  /** Draws the trace into the canvas (CSS pixels); a new function redraws it. */
  paint: MinimapPainter;
  /** Visible range, ms relative to the trace start; null = the whole trace. */
  zoom: ZoomRange | null;
  onZoom(range: ZoomRange): void;
}

export type MinimapPainter = (ctx: CanvasRenderingContext2D, width: number, height: number) => void;

const HEIGHT = 36;

const fillOf = (status: SpanStatus, serviceColor: string) =>
  status === "ok" ? serviceColor : status === "fault" ? "#dc2626" : status === "throttle" ? "#9333ea" : "#eab308";

/** Every span of a trace, a row each (100,000 spans are one paint). */
export function spanPainter(trace: Trace, colors: Map<string, string>): MinimapPainter {
  const total = Math.max(trace.durationMs, 0.001);
  return (ctx, width, height) => {
    const spans: readonly Span[] = trace.spans;
    const rowHeight = Math.max(height / Math.max(spans.length, 1), 0.25);
    for (let i = 0; i < spans.length; i++) {
      const s = spans[i];
      ctx.fillStyle = fillOf(s.status, colorOf(colors, s.service));
      const x = ((s.startTime - trace.startTime) / total) * width;
      ctx.fillRect(x, i * rowHeight, Math.max((s.durationMs / total) * width, 1), Math.max(rowHeight, 1));
    }
  };
}

const CELL_STATUS: Record<number, SpanStatus> = { [-1]: "fault", [-2]: "throttle", [-3]: "error" };

/** A large trace's minimap as the server summed it up (lib/analysis/trace-outline.ts, minimapCells). */
export function cellPainter(minimap: MinimapCells, services: readonly string[], colors: Map<string, string>): MinimapPainter {
  return (ctx, width, height) => {
    const w = width / minimap.cols;
    const h = height / minimap.bands;
    minimap.cells.forEach((v, k) => {
      if (v === 0) return;
      ctx.fillStyle = v > 0 ? colorOf(colors, services[v - 1] ?? "") : fillOf(CELL_STATUS[v] ?? "error", "");
      ctx.fillRect((k % minimap.cols) * w, Math.floor(k / minimap.cols) * h, Math.max(w, 1), Math.max(h, 1));
    });
  };
}

/** The whole trace in miniature (drawn on a canvas), with the zoom window; drag to zoom. */
export const GanttMinimap = memo(function GanttMinimap({ durationMs, paint, zoom, onZoom }: Props) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const total = Math.max(durationMs, 0.001);
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
      paint(ctx, width, HEIGHT);
    };
    draw();
    const observer = new ResizeObserver(draw);
    observer.observe(el);
    return () => observer.disconnect();
  }, [paint]);

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
