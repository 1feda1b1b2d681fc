"use client";

import { useHealth } from "@/lib/client/queries/health";
import { useTraceAwsLinks, type AwsLinks } from "@/lib/client/queries/trace-aws-links";
import { CopyButton } from "@/components/copy-button";
import { HEADER_BUTTON } from "./header-button";

function linkTitle(links: AwsLinks, what: string): string {
  return [`${what} (${links.region})`, links.regionNote].filter(Boolean).join(". ");
}

/**
 * "Export OTLP" (absent for a trace over what the server reads whole, TRACE_READ_MAX_SPANS:
 * `exportable` false); in aws mode also "Open in AWS console" (the X-Ray trace), "Open in Logs
 * Insights" (the trace's logs query, groups and window prefilled) and "Copy Logs Insights query".
 */
export function TraceLinks({ traceId, exportable = true }: { traceId: string; exportable?: boolean }) {
  const aws = useHealth().data?.source === "aws";
  const links = useTraceAwsLinks(traceId, aws);
  return (
    <>
      {exportable && (
        <a
          href={`/api/traces/${encodeURIComponent(traceId)}/otlp`}
          download
          data-testid="export-otlp"
          className={HEADER_BUTTON}
          title="Download the trace as OTLP/JSON (POST /v1/traces takes it back)"
        >
          Export OTLP
        </a>
      )}
      {aws && links.data && (
        <>
          <a
            href={links.data.traceConsoleUrl}
            target="_blank"
            rel="noopener noreferrer"
            data-testid="open-aws-console"
            className={HEADER_BUTTON}
            title={linkTitle(links.data, "The trace in the CloudWatch console")}
          >
            Open in AWS console ↗
          </a>
          <a
            href={links.data.logsInsightsConsoleUrl}
            target="_blank"
            rel="noopener noreferrer"
            data-testid="open-logs-insights"
            className={HEADER_BUTTON}
            title={linkTitle(
              links.data,
              [
                `Logs Insights with the trace's query, window and ${links.data.logGroups.length} log groups`,
                links.data.logGroupsOmitted ? `${links.data.logGroupsOmitted} more groups left out (50 at most)` : "",
                ...(links.data.problems ?? []),
              ]
                .filter(Boolean)
                .join(". "),
            )}
          >
            Open in Logs Insights ↗
          </a>
          <CopyButton value={links.data.query} label="Copy Logs Insights query" testId="copy-logs-query" />
        </>
      )}
      {aws && links.error && (
        <span className="text-[11px] text-red-700 dark:text-red-400" data-testid="aws-links-error" title={links.error.message}>
          AWS links unavailable
        </span>
      )}
    </>
  );
}
