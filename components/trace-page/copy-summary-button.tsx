"use client";

import { useSavedSnapshotUrl } from "@/lib/client/queries/saved-snapshot-url";
import type { LogEvent, Trace } from "@/lib/model";
import { traceSummaryMarkdown } from "@/lib/trace-summary-markdown";
import { CopyButton } from "@/components/copy-button";

/** "Copy summary": the trace in Markdown (lib/trace-summary-markdown.ts), with the snapshot link once one is saved. */
export function CopySummaryButton({ trace, logs }: { trace: Trace; logs: readonly LogEvent[] | undefined }) {
  const snapshot = useSavedSnapshotUrl(trace.traceId);
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
