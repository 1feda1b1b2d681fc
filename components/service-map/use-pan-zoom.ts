"use client";

import { useEffect, useRef, useState, type MouseEvent, type PointerEvent, type RefObject } from "react";
import { boxCentre, clientToBox, panBox, zoomBox, type ViewBox } from "@/lib/analysis/service-map-viewport";

/** How far the pointer may move before a press becomes a drag (and no longer a click). */
const DRAG_THRESHOLD_PX = 4;
const WHEEL_SENSITIVITY = 0.0015;
const BUTTON_STEP = 1.4;

/** Zoom by `factor` around `at`, between 1/8 and 2× the fitted width. */
function zoomWithin(fit: ViewBox, current: ViewBox, at: { x: number; y: number }, factor: number): ViewBox {
  return zoomBox(current, at, factor, fit.width / 8, fit.width * 2);
}

interface Drag {
  pointerId: number;
  startX: number;
  startY: number;
  lastX: number;
  lastY: number;
  moving: boolean;
}

export interface PanZoom {
  /** The viewBox to draw: the user's pan and zoom, or `fit`. */
  box: ViewBox;
  panning: boolean;
  zoomIn(): void;
  zoomOut(): void;
  reset(): void;
  /** Centres `point`, zoomed in so that the view is at most `maxWidth` units wide. */
  centreOn(point: { x: number; y: number }, maxWidth: number): void;
  /** Spread on the <svg>. */
  handlers: {
    onPointerDown(e: PointerEvent<SVGSVGElement>): void;
    onPointerMove(e: PointerEvent<SVGSVGElement>): void;
    onPointerUp(e: PointerEvent<SVGSVGElement>): void;
    onPointerCancel(e: PointerEvent<SVGSVGElement>): void;
    onClickCapture(e: MouseEvent<SVGSVGElement>): void;
  };
}

/**
 * Drag to pan, wheel to zoom around the pointer. The view belongs to one `content` (the layout):
 * a new layout starts again from `fit`.
 */
export function usePanZoom(svgRef: RefObject<SVGSVGElement | null>, fit: ViewBox, content: object): PanZoom {
  const [view, setView] = useState<{ content: object; box: ViewBox } | null>(null);
  const [panning, setPanning] = useState(false);
  const drag = useRef<Drag | null>(null);
  const swallowClick = useRef(false);
  const box = view?.content === content ? view.box : fit;

  const update = (change: (current: ViewBox) => ViewBox) => setView((prev) => ({ content, box: change(prev?.content === content ? prev.box : fit) }));

  useEffect(() => {
    const svg = svgRef.current;
    if (!svg) return;
    const onWheel = (e: WheelEvent) => {
      e.preventDefault();
      const px = e.deltaMode === WheelEvent.DOM_DELTA_LINE ? e.deltaY * 16 : e.deltaY;
      const factor = Math.exp(-px * WHEEL_SENSITIVITY);
      const rect = svg.getBoundingClientRect();
      setView((prev) => {
        const current = prev?.content === content ? prev.box : fit;
        const at = clientToBox(current, rect, e.clientX, e.clientY);
        return { content, box: zoomWithin(fit, current, at, factor) };
      });
    };
    svg.addEventListener("wheel", onWheel, { passive: false });
    return () => svg.removeEventListener("wheel", onWheel);
  }, [svgRef, fit, content]);

  const endDrag = (e: PointerEvent<SVGSVGElement>) => {
    const d = drag.current;
    if (!d || d.pointerId !== e.pointerId) return;
    swallowClick.current = d.moving;
    drag.current = null;
    setPanning(false);
  };

  return {
    box,
    panning,
    zoomIn: () => update((b) => zoomWithin(fit, b, boxCentre(b), BUTTON_STEP)),
    zoomOut: () => update((b) => zoomWithin(fit, b, boxCentre(b), 1 / BUTTON_STEP)),
    reset: () => setView(null),
    centreOn: (p, maxWidth) =>
      update((b) => {
        const width = Math.min(b.width, maxWidth);
        const height = (b.height * width) / b.width;
        return { x: p.x - width / 2, y: p.y - height / 2, width, height };
      }),
    handlers: {
      onPointerDown(e) {
        if (e.button !== 0) return;
        swallowClick.current = false;
        drag.current = { pointerId: e.pointerId, startX: e.clientX, startY: e.clientY, lastX: e.clientX, lastY: e.clientY, moving: false };
      },
      onPointerMove(e) {
        const d = drag.current;
        if (!d || d.pointerId !== e.pointerId) return;
        if (!d.moving) {
          if (Math.hypot(e.clientX - d.startX, e.clientY - d.startY) < DRAG_THRESHOLD_PX) return;
          // Captured only once it is a drag: a plain click keeps its target (the node).
          d.moving = true;
          e.currentTarget.setPointerCapture(e.pointerId);
          setPanning(true);
        }
        const rect = e.currentTarget.getBoundingClientRect();
        const dx = e.clientX - d.lastX;
        const dy = e.clientY - d.lastY;
        d.lastX = e.clientX;
        d.lastY = e.clientY;
        update((b) => panBox(b, rect, dx, dy));
      },
      onPointerUp: endDrag,
      onPointerCancel: endDrag,
      onClickCapture(e) {
        if (!swallowClick.current) return;
        swallowClick.current = false;
        e.stopPropagation();
      },
    },
  };
}
