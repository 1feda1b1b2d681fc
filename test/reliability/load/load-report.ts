/** Figures of one mode's page-load run: requests, req/s, and p50/p99 per route. */
import { fmt, type Figure } from "../report";
import { resets } from "./fetch-retry";
import { type LatencyRecorder, ms } from "./latency";

export function loadFigures(mode: string, recorder: LatencyRecorder, pages: number, seconds: number): Figure[] {
  return [
    {
      label: `${mode}: requests`,
      value: `${fmt(recorder.requests)} in ${seconds.toFixed(1)} s (${fmt(Math.round(recorder.requests / seconds))} req/s; ${fmt(pages)} page loads; ${fmt(resets.retried)} keep-alive resets retried so far)`,
    },
    ...recorder.routes().map((r) => ({
      label: `${mode}: ${r.route}`,
      value: `p50 ${ms(r.p50Ms)}, p99 ${ms(r.p99Ms)} (${fmt(r.requests)} requests${r.errors ? `, ${fmt(r.errors)} errors` : ""})`,
    })),
  ];
}
