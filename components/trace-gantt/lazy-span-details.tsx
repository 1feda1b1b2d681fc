"use client";

/**
 * The selected span's details for both trace views: their own chunk, kept out of the trace
 * page's first-load JavaScript (issue 14) and fetched as soon as the view has hydrated
 * (usePrefetchedSpanDetails): the first rows are on screen by then (server-rendered), and the
 * first click on a span, which may come at once, does not wait for the network. A link with a
 * span selected renders them on the server, which preloads the chunk.
 */
import { useEffect } from "react";
import dynamic from "next/dynamic";

const loadSpanDetails = () => import("./span-details");

export const SpanDetails = dynamic(() => loadSpanDetails().then((m) => m.SpanDetails));

/** Fetches the details' chunk once the view has hydrated (not at the first idle: a click may come before). */
export function usePrefetchedSpanDetails(): void {
  useEffect(() => void loadSpanDetails(), []);
}
