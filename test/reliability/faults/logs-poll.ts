/** The logs panel's requests: GET /api/traces/{id}/logs, then long polls until the search ends. */
import type { LogsResult } from "../../../lib/model";
import type { Harness } from "./harness";

export interface LogsPoll {
  /** The last answer (null when a request failed or hung). */
  result: LogsResult | null;
  /** HTTP status of the last answer. */
  status: number;
  polls: number;
  ms: number;
  /** The search was still running when the bound ran out. */
  timedOut: boolean;
}

/** As the browser does: the first request answers at once, the next ones wait up to 2 s for news. */
export async function pollLogs(h: Harness, traceId: string, boundMs = 60_000): Promise<LogsPoll> {
  const started = Date.now();
  let polls = 0;
  for (;;) {
    const answer = await h.request(`/api/traces/${traceId}/logs?waitMs=${polls === 0 ? 0 : 2_000}`, { boundMs: 15_000 });
    polls += 1;
    const result = answer.status === 200 ? (answer.body as LogsResult) : null;
    const done = result === null || result.status !== "running";
    const timedOut = !done && Date.now() - started > boundMs;
    if (done || timedOut) return { result, status: answer.status, polls, ms: Date.now() - started, timedOut };
  }
}
