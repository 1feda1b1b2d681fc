"use client";

import { useMutationState } from "@tanstack/react-query";
import type { LogEvent, Trace } from "@/lib/model";
import { traceSummaryMarkdown } from "@/lib/trace-summary-markdown";
import { CopyButton } from "@/components/copy-button";
import { snapshotMutationKey } from "@/components/snapshots/save-snapshot-button";

/** "Copy summary": the trace in Markdown (lib/trace-summary-markdown.ts), with the snapshot link once one is saved. */
export function CopySummaryButton({ trace, logs }: { trace: Trace; logs: readonly LogEvent[] | undefined }) {
  const saved = useMutationState({
    filters: { mutationKey: snapshotMutationKey(trace.traceId), status: "success" },
    select: (m) => (m.state.data as { url?: string } | undefined)?.url,
  });
  const snapshot = saved.filter(Boolean).at(-1);
  return (
    <CopyButton
      testId="copy-summary"
      label="Copy summary"
      value={() =>
        traceSummaryMarkdown({
          trace,
          traceUrl: window.location.href,
          logs,
          snapshotUrl: snapshot ? new URL(snapshot, window.location.origin).href : null,
        })
      }
    />
  );
}
