import type { ReactNode } from "react";

/** One block of the incident page's evidence, with a heading and an optional control. */
export function EvidenceCard({
  title,
  subtitle,
  testId,
  control,
  children,
}: {
  title: string;
  subtitle?: string;
  testId: string;
  control?: ReactNode;
  children: ReactNode;
}) {
  return (
    <section data-testid={testId} className="min-w-0 rounded-md border border-slate-200 p-3 dark:border-slate-800">
      <header className="mb-2 flex flex-wrap items-baseline gap-x-2">
        <h2 className="text-sm font-semibold">{title}</h2>
        {subtitle && <p className="text-xs text-slate-500 dark:text-slate-400">{subtitle}</p>}
        {control && <div className="ml-auto">{control}</div>}
      </header>
      {children}
    </section>
  );
}
