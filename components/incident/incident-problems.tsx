import { ACCEPTED_AT, ACCEPTED_WINDOW } from "@/lib/incident-params";

/** What is wrong with an incident link, and what it accepts. */
export function IncidentProblems({ problems, services }: { problems: readonly string[]; services?: readonly string[] }) {
  return (
    <main className="mx-auto max-w-3xl p-8" data-testid="incident-error">
      <h1 className="text-lg font-semibold text-red-700 dark:text-red-400">This incident link cannot be shown</h1>
      <ul className="mt-3 list-disc space-y-1 pl-5 text-sm">
        {problems.map((p) => (
          <li key={p}>{p}</li>
        ))}
      </ul>
      {services && services.length > 0 && (
        <p className="mt-3 text-sm">
          Services in this window:{" "}
          {services.map((s, i) => (
            <span key={s}>
              {i > 0 && ", "}
              <code className="rounded bg-slate-100 px-1 dark:bg-slate-800">{s}</code>
            </span>
          ))}
        </p>
      )}
      <div className="mt-6 rounded-md border border-slate-200 p-4 text-sm dark:border-slate-800">
        <p className="font-medium">An incident link looks like</p>
        <p className="mt-1 break-all font-mono text-xs">/incident?service=checkout-api&amp;at=2026-11-21T02:47:00Z&amp;window=30m</p>
        <dl className="mt-3 grid grid-cols-[5rem_1fr] gap-x-3 gap-y-1">
          <dt className="font-mono">service</dt>
          <dd>the alerting service, as it appears on the service map (required)</dd>
          <dt className="font-mono">at</dt>
          <dd data-testid="incident-help-at">the alert time: {ACCEPTED_AT} (optional: without it, the window ends now)</dd>
          <dt className="font-mono">window</dt>
          <dd>{ACCEPTED_WINDOW}; two thirds of it before the alert</dd>
        </dl>
      </div>
    </main>
  );
}
