"use client";

import { useEffect } from "react";
import { stopEarlyClicks, takeEarlyClick } from "@/lib/client/early-clicks";

/**
 * Last in the layout: once a page has hydrated (after its views took any early click), clicks are
 * React's alone (lib/client/early-clicks.ts).
 */
export function EarlyClicksEnd(): null {
  useEffect(() => stopEarlyClicks(), []);
  return null;
}

/** In a trace view: selects the row clicked while the page was still hydrating, once mounted. */
export function useEarlyClickSelection(select: (spanId: string) => void): void {
  useEffect(() => {
    const early = takeEarlyClick();
    if (early !== null) select(early);
  }, [select]);
}
