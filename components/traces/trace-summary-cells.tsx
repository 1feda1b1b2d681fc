import Link from "next/link";
import { formatDuration, formatUtc } from "@/lib/format";
import type { TraceSummary } from "@/lib/model";
import { StatusBadge } from "@/components/status-badge";

/** A trace table's row on a phone: the cells as a small grid, service · operation on a line of its own. */
export const PHONE_ROW = "max-md:grid max-md:grid-cols-[1fr_auto_auto] max-md:items-center max-md:gap-x-3 max-md:px-3 max-md:pb-2";

/**
 * The cells every trace table shows for one trace: start, service · operation (linking to the
 * trace page), duration, status, span count ("—" when the source does not know it: X-Ray
 * summaries carry no span count).
 */
export function TraceSummaryCells({ trace: t }: { trace: TraceSummary }) {
  return (
    <>
      <td className="whitespace-nowrap px-4 py-1.5 tabular-nums text-slate-600 dark:text-slate-400 max-md:p-0 max-md:text-xs">{formatUtc(t.startTime)}</td>
      <td className="px-4 py-1.5 max-md:order-first max-md:col-span-full max-md:p-0">
        <Link
          href={`/trace/${t.traceId}`}
          className="font-medium text-blue-700 hover:underline dark:text-blue-400 max-md:inline-flex max-md:min-h-10 max-md:items-center"
        >
          {t.rootService}
        </Link>{" "}
        <span className="text-slate-600 dark:text-slate-400">{t.rootName}</span>
      </td>
      <td className="px-4 py-1.5 text-right tabular-nums max-md:p-0">{formatDuration(t.durationMs)}</td>
      <td className="px-4 py-1.5 max-md:p-0">
        <StatusBadge status={t.status} />
        {t.httpStatus !== null && <span className="ml-2 text-xs text-slate-500">{t.httpStatus}</span>}
      </td>
      <td className="px-4 py-1.5 text-right tabular-nums max-md:hidden">{t.spanCount > 0 ? t.spanCount : "—"}</td>
    </>
  );
}
