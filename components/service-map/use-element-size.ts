"use client";

import { useEffect, useState, type RefObject } from "react";
import type { Size } from "@/lib/analysis/service-map-viewport";

/** The element's content-box size in CSS pixels, kept current by a ResizeObserver; null until measured. */
export function useElementSize(ref: RefObject<Element | null>): Size | null {
  const [size, setSize] = useState<Size | null>(null);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const observer = new ResizeObserver(([entry]) => {
      const { width, height } = entry.contentRect;
      setSize((prev) => (prev && prev.width === width && prev.height === height ? prev : { width, height }));
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, [ref]);
  return size;
}
