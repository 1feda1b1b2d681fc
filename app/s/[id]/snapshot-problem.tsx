import type { ReactNode } from "react";

export function SnapshotProblem({ title, id, children }: { title: string; id: string; children: ReactNode }) {
  return (
    <main className="mx-auto max-w-2xl p-8" data-testid="snapshot-error">
      <h1 className="text-lg font-semibold text-red-700 dark:text-red-400">{title}</h1>
      <p className="mt-2 break-all font-mono text-sm">{id}</p>
      <p className="mt-4 text-sm">{children}</p>
    </main>
  );
}
