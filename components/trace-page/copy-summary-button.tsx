"use client";

import { useQueryClient } from "@tanstack/react-query";
import { traceQueryOptions } from "@/lib/client/queries/trace";
import { useSavedSnapshotUrl } from "@/lib/client/queries/saved-snapshot-url";
import type { LogEvent } from "@/lib/model";
import { traceSummaryMarkdown } from "@/lib/trace-summary-markdown";
import { CopyButton } from "@/components/copy-button";

/**
 * "Copy summary": the trace in Markdown (lib/trace-summary-markdown.ts), with the snapshot link once
 * one is saved. The whole trace comes from the query cache (the whole view holds it) or is fetched
 * on the click (the windowed view does not).
 */
export function CopySummaryButton({ traceId, logs }: { traceId: string; logs: readonly LogEvent[] | undefined }) {
  const client = useQueryClient();
  const snapshot = useSavedSnapshotUrl(traceId);
  return (
    <CopyButton
      testId="copy-summary"
      label="Copy summary"
      value={async () =>
        traceSummaryMarkdown({
          trace: await client.ensureQueryData(traceQueryOptions(traceId)),
          traceUrl: window.location.href,
          logs,
          snapshotUrl: snapshot ? new URL(snapshot, window.location.origin).href : null,
        })
      }
    />
  );
}
