"use client";

import { useCallback, useState } from "react";
import { cancelTraceLogs } from "@/lib/client/queries/cancel-trace-logs";
import { useTraceLogs } from "@/lib/client/queries/trace-logs";
import type { TraceViewLogs } from "./trace-view";

/** The trace's logs as the page shows them, and the user's way to stop their search. */
export function useTracePageLogs(traceId: string): { logs: TraceViewLogs; cancelLogs(): void } {
  const [logsCancelled, setLogsCancelled] = useState(false);
  const logs = useTraceLogs(traceId, !logsCancelled);
  const cancelLogs = useCallback(() => {
    setLogsCancelled(true);
    cancelTraceLogs(traceId);
  }, [traceId]);
  return {
    logs: logsCancelled
      ? { data: { events: logs.data?.events ?? [], status: "failed", message: "You cancelled the logs search." }, error: null, isPending: false }
      : { data: logs.data, error: logs.error, isPending: logs.isPending },
    cancelLogs,
  };
}
