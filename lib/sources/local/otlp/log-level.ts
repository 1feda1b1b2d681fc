/** A log record's level, from the OTLP severity number or, failing that, a severity word. */
import type { LogLevel } from "../../../model";

/** SeverityNumber 1–4 trace, 5–8 debug, 9–12 info, 13–16 warn, 17–20 error, 21–24 fatal. */
const BY_SEVERITY_BAND: readonly LogLevel[] = ["trace", "debug", "info", "warn", "error", "fatal"];

const BY_WORD: ReadonlyMap<string, LogLevel> = new Map<string, LogLevel>([
  ["trace", "trace"],
  ["debug", "debug"],
  ["info", "info"],
  ["information", "info"],
  ["warn", "warn"],
  ["warning", "warn"],
  ["error", "error"],
  ["fatal", "fatal"],
  ["critical", "fatal"],
]);

/** "INFO", "Warning", "critical" … → a level; null for anything else. */
export function levelFromWord(word: string): LogLevel | null {
  return BY_WORD.get(word.trim().toLowerCase()) ?? null;
}

export function levelFromSeverityNumber(severityNumber: number): LogLevel | null {
  return severityNumber >= 1 && severityNumber <= 24 ? BY_SEVERITY_BAND[Math.floor((severityNumber - 1) / 4)] : null;
}
