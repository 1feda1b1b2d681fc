/** A dependency's failing traces, from "Where it fails" (the attribute and error links are pivots: lib/pivot-links.ts). */
import type { SpanStatus, TimeWindow } from "@/lib/model";

export function tracesHref(window: TimeWindow, filters: { service: string; status: SpanStatus }): string {
  const q = new URLSearchParams({ from: String(Math.floor(window.from)), to: String(Math.ceil(window.to)) });
  q.set("service", filters.service);
  q.set("status", filters.status);
  return `/traces?${q.toString()}`;
}
