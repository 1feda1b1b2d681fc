/**
 * How a log level looks in the log timeline: the badge text and colours of a row, the colour of its
 * marker on the time strip, and which level wins when several lines share one marker.
 * Class names are written out in full so that Tailwind finds them.
 */
import type { LogLevel } from "../model";

export interface LevelStyle {
  /** Badge text; "—" for a line whose level is unknown (never "UNKNOWN"). */
  label: string;
  /** Badge classes, light and dark. */
  badge: string;
  /** SVG fill classes of the time-strip marker, light and dark. */
  marker: string;
  /** Higher is more severe. */
  rank: number;
}

const RED_MARKER = "fill-red-600 dark:fill-red-500";
const SLATE_MARKER = "fill-slate-400 dark:fill-slate-500";

const STYLES: Record<LogLevel, LevelStyle> = {
  trace: { label: "TRACE", badge: "bg-slate-100 text-slate-600 dark:bg-slate-800 dark:text-slate-400", marker: SLATE_MARKER, rank: 0 },
  debug: { label: "DEBUG", badge: "bg-slate-100 text-slate-600 dark:bg-slate-800 dark:text-slate-400", marker: SLATE_MARKER, rank: 1 },
  unknown: { label: "—", badge: "text-slate-400 dark:text-slate-500", marker: SLATE_MARKER, rank: 2 },
  info: { label: "INFO", badge: "bg-sky-100 text-sky-800 dark:bg-sky-500/15 dark:text-sky-300", marker: "fill-sky-600 dark:fill-sky-400", rank: 3 },
  warn: {
    label: "WARN",
    badge: "bg-amber-100 text-amber-900 dark:bg-amber-500/20 dark:text-amber-300",
    marker: "fill-amber-500 dark:fill-amber-400",
    rank: 4,
  },
  error: { label: "ERROR", badge: "bg-red-100 text-red-800 dark:bg-red-500/25 dark:text-red-200", marker: RED_MARKER, rank: 5 },
  fatal: { label: "FATAL", badge: "bg-red-700 text-white dark:bg-red-600 dark:text-white", marker: RED_MARKER, rank: 6 },
};

export function levelStyle(level: LogLevel): LevelStyle {
  return STYLES[level] ?? STYLES.unknown;
}

/** error and fatal: the lines an SRE looks for first. */
export function isErrorLevel(level: LogLevel): boolean {
  return level === "error" || level === "fatal";
}

/** The more severe of two levels. */
export function worseLevel(a: LogLevel, b: LogLevel): LogLevel {
  return levelStyle(a).rank >= levelStyle(b).rank ? a : b;
}
