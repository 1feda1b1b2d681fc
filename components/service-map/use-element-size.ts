"use client";

import { useLayoutEffect, useState, type RefObject } from "react";
import type { Size } from "@/lib/analysis/service-map-viewport";

/**
 * The element's content-box size in CSS pixels, kept current by a ResizeObserver; null until
 * measured. Measured first in a layout effect, so what depends on the size (the map's layout, the
 * axis ticks) is drawn in the first frame after hydration rather than one observer callback later.
 */
export function useElementSize(ref: RefObject<Element | null>): Size | null {
  const [size, setSize] = useState<Size | null>(null);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    setSize(contentBox(el));
    const observer = new ResizeObserver(([entry]) => {
      const { width, height } = entry.contentRect;
      setSize((prev) => (prev && prev.width === width && prev.height === height ? prev : { width, height }));
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, [ref]);
  return size;
}

function contentBox(el: Element): Size {
  const box = el.getBoundingClientRect();
  const css = getComputedStyle(el);
  const px = (v: string) => parseFloat(v) || 0;
  return {
    width: Math.max(0, box.width - px(css.paddingLeft) - px(css.paddingRight) - px(css.borderLeftWidth) - px(css.borderRightWidth)),
    height: Math.max(0, box.height - px(css.paddingTop) - px(css.paddingBottom) - px(css.borderTopWidth) - px(css.borderBottomWidth)),
  };
}
