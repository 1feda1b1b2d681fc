"use client";

/**
 * Which build this is (e.g. a git commit), set at build time with NEXT_PUBLIC_SIGHTLINE_BUILD_LABEL:
 * what to quote in a bug report. The only environment value client code reads.
 */
export function BuildLabel() {
  const label = process.env.NEXT_PUBLIC_SIGHTLINE_BUILD_LABEL;
  if (!label) return null;
  return (
    <span data-testid="build-label" className="font-mono text-[10px] text-slate-400 dark:text-slate-500" title="Sightline build">
      {label}
    </span>
  );
}
