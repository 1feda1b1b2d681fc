/** Links from the incident page's evidence to the traces that show it. */
import type { SpanStatus, TimeWindow } from "@/lib/model";

export function tracesHref(window: TimeWindow, filters: { service?: string; status?: SpanStatus; attr?: [string, string] }): string {
  const q = new URLSearchParams({ from: String(Math.floor(window.from)), to: String(Math.ceil(window.to)) });
  if (filters.service) q.set("service", filters.service);
  if (filters.status) q.set("status", filters.status);
  if (filters.attr) q.set("attr", `${filters.attr[0]}=${filters.attr[1]}`);
  return `/traces?${q.toString()}`;
}
