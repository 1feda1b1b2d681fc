/**
 * Health colours of the service map, as Tailwind classes (static strings, so Tailwind sees them):
 * OK green, 4xx error yellow, 5xx fault red, 429 throttle purple, a shade lighter on dark.
 */
import type { SpanStatus } from "@/lib/model";

export const RING_STROKE: Record<SpanStatus, string> = {
  ok: "stroke-green-600 dark:stroke-green-500",
  error: "stroke-yellow-500 dark:stroke-yellow-400",
  fault: "stroke-red-600 dark:stroke-red-500",
  throttle: "stroke-purple-600 dark:stroke-purple-400",
};

export const SWATCH_BG: Record<SpanStatus, string> = {
  ok: "bg-green-600 dark:bg-green-500",
  error: "bg-yellow-500 dark:bg-yellow-400",
  fault: "bg-red-600 dark:bg-red-500",
  throttle: "bg-purple-600 dark:bg-purple-400",
};

/** Edges: neutral slate when every call succeeded, else the colour of the worst status. */
export const EDGE_STROKE: Record<SpanStatus, string> = {
  ok: "stroke-slate-400 dark:stroke-slate-500",
  error: "stroke-yellow-500 dark:stroke-yellow-400",
  fault: "stroke-red-600 dark:stroke-red-500",
  throttle: "stroke-purple-600 dark:stroke-purple-400",
};

export const EDGE_FILL: Record<SpanStatus, string> = {
  ok: "fill-slate-400 dark:fill-slate-500",
  error: "fill-yellow-500 dark:fill-yellow-400",
  fault: "fill-red-600 dark:fill-red-500",
  throttle: "fill-purple-600 dark:fill-purple-400",
};

/** Edge label text: darker than the line in light mode, so yellow stays readable on white. */
export const EDGE_TEXT: Record<SpanStatus, string> = {
  ok: "fill-slate-600 dark:fill-slate-400",
  error: "fill-amber-700 dark:fill-yellow-300",
  fault: "fill-red-700 dark:fill-red-400",
  throttle: "fill-purple-700 dark:fill-purple-300",
};

export const LEGEND: readonly { status: SpanStatus; label: string }[] = [
  { status: "ok", label: "OK" },
  { status: "error", label: "4xx" },
  { status: "fault", label: "5xx" },
  { status: "throttle", label: "429" },
];
