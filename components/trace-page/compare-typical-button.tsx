"use client";

import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { useTypicalTrace } from "@/lib/client/queries/typical-trace";
import { compareHref } from "@/lib/compare-params";
import { formatDuration } from "@/lib/format";
import { HEADER_BUTTON } from "./header-button";

/**
 * "Compare with a typical trace": asks the server for the trace of the same root operation
 * closest to the median in the hour before this one, then opens /compare with it as A.
 */
export function CompareTypicalButton({ traceId }: { traceId: string }) {
  const router = useRouter();
  const [asked, setAsked] = useState(false);
  const typical = useTypicalTrace(traceId, asked);
  useEffect(() => {
    if (asked && typical.data) router.push(compareHref(typical.data.trace.traceId, traceId));
  }, [asked, typical.data, router, traceId]);
  return (
    <>
      <button
        type="button"
        data-testid="compare-typical"
        className={HEADER_BUTTON}
        onClick={() => setAsked(true)}
        disabled={asked && typical.isFetching}
        title="Compare call by call with the trace of the same root operation closest to the median duration in the hour before this one"
      >
        {asked && typical.isFetching ? "Finding a typical trace…" : "Compare with typical"}
      </button>
      {asked && typical.data && (
        <span className="text-[11px] text-slate-600 dark:text-slate-400">
          median {formatDuration(typical.data.medianMs)} of {typical.data.sampleSize}
        </span>
      )}
      {asked && typical.error && (
        <span data-testid="compare-typical-error" className="text-[11px] text-red-700 dark:text-red-400">
          {typical.error.message}
        </span>
      )}
    </>
  );
}
