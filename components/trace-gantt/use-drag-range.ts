"use client";

import { useCallback, useRef, useState, type PointerEvent } from "react";

export interface DragSelection {
  /** Fractions of the element's width, 0..1, ordered. */
  from: number;
  to: number;
}

/**
 * Pointer drag over an element, reported as a range of fractions of its width: drawn while the
 * pointer moves, committed once on release (so a URL update happens once per gesture).
 */
export function useDragRange(onCommit: (range: DragSelection) => void, minFraction = 0.002) {
  const start = useRef<number | null>(null);
  const [draft, setDraft] = useState<DragSelection | null>(null);

  const fractionOf = (e: PointerEvent<HTMLElement>) => {
    const rect = e.currentTarget.getBoundingClientRect();
    return Math.min(1, Math.max(0, (e.clientX - rect.left) / Math.max(1, rect.width)));
  };

  const onPointerDown = useCallback((e: PointerEvent<HTMLElement>) => {
    if (e.button !== 0) return;
    e.currentTarget.setPointerCapture(e.pointerId);
    start.current = fractionOf(e);
    setDraft({ from: start.current, to: start.current });
  }, []);

  const onPointerMove = useCallback((e: PointerEvent<HTMLElement>) => {
    if (start.current === null) return;
    const f = fractionOf(e);
    setDraft({ from: Math.min(start.current, f), to: Math.max(start.current, f) });
  }, []);

  const onPointerUp = useCallback(
    (e: PointerEvent<HTMLElement>) => {
      if (start.current === null) return;
      const f = fractionOf(e);
      const range = { from: Math.min(start.current, f), to: Math.max(start.current, f) };
      start.current = null;
      setDraft(null);
      if (range.to - range.from >= minFraction) onCommit(range);
    },
    [onCommit, minFraction],
  );

  return { draft, handlers: { onPointerDown, onPointerMove, onPointerUp } };
}
