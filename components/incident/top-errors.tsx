"use client";

import Link from "next/link";
import { formatUtcTime } from "@/lib/format";
import { pivotHref } from "@/lib/pivot-links";
import type { TimeWindow } from "@/lib/model";
import { EvidenceCard } from "./evidence-card";
import { useTopErrors } from "@/lib/client/queries/top-errors";

const SHOWN = 6;

/** "Top errors": exceptions and ERROR log lines of the service and everything below it, grouped. */
export function TopErrors({ service, window }: { service: string; window: TimeWindow }) {
  const errors = useTopErrors(service, window);
  return (
    <EvidenceCard title="Top errors" testId="top-errors" subtitle={errors.data?.note}>
      {errors.isPending ? (
        <p className="text-sm text-slate-500">Grouping the window's exceptions and error lines…</p>
      ) : errors.error ? (
        <p role="alert" className="text-sm text-red-600 dark:text-red-400">
          Could not load the errors: {errors.error.message}
        </p>
      ) : errors.data.groups.length === 0 ? (
        <p className="text-sm text-slate-500">No exception or ERROR line from {service} or below it in the window.</p>
      ) : (
        <ol className="space-y-1.5">
          {errors.data.groups.slice(0, SHOWN).map((g) => (
            <li key={`${g.kind}/${g.type}/${g.pattern}`} data-testid="error-group" className="text-sm">
              <div className="flex flex-wrap items-baseline gap-x-2">
                <span className="rounded bg-red-100 px-1 text-xs font-semibold tabular-nums text-red-800 dark:bg-red-950 dark:text-red-300">×{g.count}</span>
                <span className="font-medium">{g.type ?? "ERROR log"}</span>
                <span className="text-xs text-slate-500 dark:text-slate-400">
                  {g.services.join(", ")} · {formatUtcTime(g.firstSeen).slice(0, 8)}–{formatUtcTime(g.lastSeen).slice(0, 8)} UTC
                </span>
              </div>
              <p className="break-words font-mono text-xs text-slate-700 dark:text-slate-300" title={g.example}>
                {g.pattern}
              </p>
              {g.traceIds.length > 0 && (
                <p className="text-xs">
                  {g.traceIds.slice(0, 3).map((id, i) => (
                    <Link key={id} href={`/trace/${id}`} className="mr-2 text-blue-700 hover:underline dark:text-blue-400">
                      {i === 0 ? "newest trace" : `trace ${i + 1}`} →
                    </Link>
                  ))}
                  {(g.kind === "log" || g.type) && (
                    <Link
                      href={pivotHref(g.kind === "log" ? { kind: "log", message: g.pattern } : { kind: "exception", type: g.type ?? "" }, window)}
                      className="text-blue-700 hover:underline dark:text-blue-400"
                      data-testid="error-group-traces"
                    >
                      every trace with it →
                    </Link>
                  )}
                </p>
              )}
            </li>
          ))}
        </ol>
      )}
    </EvidenceCard>
  );
}
