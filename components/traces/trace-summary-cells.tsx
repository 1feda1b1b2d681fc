import Link from "next/link";
import { formatDuration, formatUtc } from "@/lib/format";
import type { TraceSummary } from "@/lib/model";
import { StatusBadge } from "@/components/status-badge";

/**
 * The cells every trace table shows for one trace: start, service · operation (linking to the
 * trace page), duration, status, span count ("—" when the source does not know it: X-Ray
 * summaries carry no span count).
 */
export function TraceSummaryCells({ trace: t }: { trace: TraceSummary }) {
  return (
    <>
      <td className="whitespace-nowrap px-4 py-1.5 tabular-nums text-slate-600 dark:text-slate-400">{formatUtc(t.startTime)}</td>
      <td className="px-4 py-1.5">
        <Link href={`/trace/${t.traceId}`} className="font-medium text-blue-700 hover:underline dark:text-blue-400">
          {t.rootService}
        </Link>{" "}
        <span className="text-slate-600 dark:text-slate-400">{t.rootName}</span>
      </td>
      <td className="px-4 py-1.5 text-right tabular-nums">{formatDuration(t.durationMs)}</td>
      <td className="px-4 py-1.5">
        <StatusBadge status={t.status} />
        {t.httpStatus !== null && <span className="ml-2 text-xs text-slate-500">{t.httpStatus}</span>}
      </td>
      <td className="px-4 py-1.5 text-right tabular-nums">{t.spanCount > 0 ? t.spanCount : "—"}</td>
    </>
  );
}
