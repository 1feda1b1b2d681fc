/** Human formatting for an incident screen: durations in µs/ms/s/min, times in UTC. */

export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms)) return "—";
  const abs = Math.abs(ms);
  if (abs < 1) return `${Math.round(ms * 1000)} µs`;
  if (abs < 10) return `${ms.toFixed(2)} ms`;
  if (abs < 1000) return `${Math.round(ms)} ms`;
  if (abs < 60_000) return `${(ms / 1000).toFixed(abs < 10_000 ? 2 : 1)} s`;
  const minutes = Math.floor(abs / 60_000);
  const seconds = Math.round((abs % 60_000) / 1000);
  return `${ms < 0 ? "-" : ""}${minutes} min ${seconds} s`;
}

/** `2026-11-21 02:47:03.125 UTC` */
export function formatUtc(epochMs: number): string {
  const d = new Date(epochMs);
  if (Number.isNaN(d.getTime())) return "—";
  return `${d.toISOString().replace("T", " ").replace("Z", "")} UTC`;
}

/** `02:47:03.125`: the time of day in UTC, for dense rows. */
export function formatUtcTime(epochMs: number): string {
  const d = new Date(epochMs);
  if (Number.isNaN(d.getTime())) return "—";
  return d.toISOString().slice(11, 23);
}

/** The time of day with milliseconds, in UTC or in the browser's zone (`tz` toggle). */
export function formatClock(epochMs: number, zone: "utc" | "local"): string {
  if (zone === "utc") return formatUtcTime(epochMs);
  const d = new Date(epochMs);
  if (Number.isNaN(d.getTime())) return "—";
  const pad = (n: number, w = 2) => String(n).padStart(w, "0");
  return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}`;
}

/** A full timestamp in UTC or local time, with the zone named. */
export function formatTimestamp(epochMs: number, zone: "utc" | "local"): string {
  if (zone === "utc") return formatUtc(epochMs);
  const d = new Date(epochMs);
  if (Number.isNaN(d.getTime())) return "—";
  const pad = (n: number) => String(n).padStart(2, "0");
  const offset = -d.getTimezoneOffset();
  const sign = offset >= 0 ? "+" : "-";
  const zoneName = `UTC${sign}${pad(Math.floor(Math.abs(offset) / 60))}:${pad(Math.abs(offset) % 60)}`;
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${formatClock(epochMs, "local")} ${zoneName}`;
}
