"use client";

/**
 * The selected span's details for both trace views: their own chunk, kept out of the trace
 * page's first-load JavaScript (issue 14) and fetched once the page is first idle
 * (usePrefetchedSpanDetails), so the first click on a span does not wait for the network. A link
 * with a span selected renders them on the server, which preloads the chunk.
 */
import { useEffect } from "react";
import dynamic from "next/dynamic";

const loadSpanDetails = () => import("./span-details");

export const SpanDetails = dynamic(() => loadSpanDetails().then((m) => m.SpanDetails));

/** Fetches the details' chunk when the browser is first idle after the view is drawn. */
export function usePrefetchedSpanDetails(): void {
  useEffect(() => {
    const load = () => void loadSpanDetails();
    if (typeof window.requestIdleCallback === "function") {
      const id = window.requestIdleCallback(load, { timeout: 3_000 });
      return () => window.cancelIdleCallback(id);
    }
    const timer = window.setTimeout(load, 1_000);
    return () => window.clearTimeout(timer);
  }, []);
}
