interface MapControlsProps {
  onZoomIn(): void;
  onZoomOut(): void;
  onReset(): void;
}

const BUTTON =
  "grid h-6 min-w-6 place-items-center px-1 text-xs max-md:h-10 max-md:min-w-10 text-slate-600 hover:bg-slate-100 hover:text-slate-900 focus-visible:outline-2 focus-visible:outline-blue-600 dark:text-slate-300 dark:hover:bg-slate-800 dark:hover:text-white";

/** Zoom in, zoom out, and back to the whole graph. */
export function MapControls({ onZoomIn, onZoomOut, onReset }: MapControlsProps) {
  return (
    <div className="absolute right-1.5 top-1.5 flex divide-x divide-slate-200 overflow-hidden rounded border border-slate-200 bg-white/90 shadow-sm dark:divide-slate-700 dark:border-slate-700 dark:bg-slate-900/90">
      <button type="button" className={BUTTON} onClick={onZoomIn} aria-label="Zoom in" title="Zoom in">
        +
      </button>
      <button type="button" className={BUTTON} onClick={onZoomOut} aria-label="Zoom out" title="Zoom out">
        −
      </button>
      <button type="button" className={BUTTON} onClick={onReset} aria-label="Fit the whole map" title="Fit the whole map (reset pan and zoom)">
        Fit
      </button>
    </div>
  );
}
