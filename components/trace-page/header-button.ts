/** The trace header's small action buttons; 40 px tap targets on a phone. */
export const HEADER_BUTTON =
  "rounded border border-slate-300 px-1.5 py-0.5 text-[11px] text-slate-700 hover:bg-slate-100 dark:border-slate-700 dark:text-slate-300 dark:hover:bg-slate-800 max-md:inline-flex max-md:min-h-10 max-md:shrink-0 max-md:items-center max-md:px-3";
