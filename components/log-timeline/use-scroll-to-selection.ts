"use client";

import { useCallback, useEffect, useRef } from "react";
import type { Virtualizer } from "@tanstack/react-virtual";
import { firstRowOfSpan, type LogIndex } from "@/lib/client/log-filter";

/**
 * Brings the first listed line of the selected span to the middle of the list, once per selection
 * change: never again while the user scrolls, filters or zooms. A selection made by clicking a line
 * of this list is not scrolled to (the line is already under the pointer): report it with the
 * returned function first. When the span has no listed line yet, waits for the logs to settle.
 */
export function useScrollToSelection(
  virtualizer: Virtualizer<HTMLDivElement, Element>,
  index: LogIndex,
  rows: readonly number[],
  selectedSpanId: string | null,
  settled: boolean,
): (spanId: string) => void {
  const handled = useRef<string | null>(null);

  useEffect(() => {
    if (selectedSpanId === null) {
      handled.current = null;
      return;
    }
    if (handled.current === selectedSpanId) return;
    const row = firstRowOfSpan(index, rows, selectedSpanId);
    if (row >= 0) {
      virtualizer.scrollToIndex(row, { align: "center" });
      handled.current = selectedSpanId;
    } else if (settled) {
      handled.current = selectedSpanId;
    }
  }, [virtualizer, index, rows, selectedSpanId, settled]);

  return useCallback((spanId: string) => {
    handled.current = spanId;
  }, []);
}
