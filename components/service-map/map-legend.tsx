import { LEGEND, SWATCH_BG } from "./status-styles";

/** What the ring colours mean, in a corner of the map. */
export function MapLegend() {
  return (
    <ul
      aria-label="Health ring colours"
      className="pointer-events-none absolute bottom-1.5 left-1.5 flex gap-2 rounded bg-white/80 px-1.5 py-0.5 text-[10px] text-slate-600 dark:bg-slate-950/80 dark:text-slate-400"
    >
      {LEGEND.map(({ status, label }) => (
        <li key={status} className="flex items-center gap-1">
          <span className={`inline-block h-2 w-2 rounded-full ${SWATCH_BG[status]}`} aria-hidden />
          {label}
        </li>
      ))}
    </ul>
  );
}
