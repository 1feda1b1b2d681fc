/**
 * The trace page's frame before its rows: what the server sends first (app/trace/[id]/page.tsx's
 * suspense fallback), so the browser starts loading the styles and scripts while the rows and the
 * map are rendered. The same outline as TraceView's (a header row, the map, Gantt and logs columns at
 * their default widths); no script, no state. A phone shows the middle column only, as its tabs do.
 */
export function TracePageShell({ traceId }: { traceId: string }) {
  const column = "flex min-w-0 flex-col border-slate-200 dark:border-slate-800";
  return (
    <main className="flex h-[calc(100vh-2.75rem)] flex-col max-md:h-[calc(100dvh-5.25rem)]" data-testid="trace-page-shell" aria-busy="true">
      <header className="flex min-h-[2.375rem] items-center border-b border-slate-200 px-3 py-1.5 dark:border-slate-800">
        <p role="status" className="truncate text-sm text-slate-500 dark:text-slate-400">
          Loading trace <span className="font-mono">{traceId}</span>…
        </p>
      </header>
      <div className="flex min-h-0 flex-1">
        <div className={`${column} border-r-[6px] max-md:hidden`} style={{ flex: "28 1 0" }} aria-hidden />
        <div className={column} style={{ flex: "42 1 0" }} aria-hidden />
        <div className={`${column} border-l-[6px] max-md:hidden`} style={{ flex: "30 1 0" }} aria-hidden />
      </div>
    </main>
  );
}
