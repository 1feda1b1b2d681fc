/**
 * Logs searches the user abandons are stopped upstream: Cancel (DELETE /api/traces/{id}/logs)
 * stops the query at once; a search nobody polls any more is stopped after the app's idle time
 * (abandonAfterMs), while one that is still polled is not.
 */
import { ABANDON_AFTER_MS } from "./bounds";
import type { RecordedCall } from "../../aws-server/types";
import type { Check } from "../report";
import { check, fmt } from "../report";
import { type Harness, type Scenario, sleep } from "./harness";
import { pollLogs } from "./logs-poll";

const queryIdOf = (c: RecordedCall) => (c.input as { queryId?: string } | null)?.queryId;

/**
 * Starts the trace's logs search and returns the IDs of its queries (a search may run several:
 * the wide and the narrow pass), from their first polls: every new query ID until none has
 * appeared for a second.
 */
async function startSearch(h: Harness, traceId: string): Promise<string[]> {
  const before = new Set((await h.calls()).filter((c) => c.op === "GetQueryResults").map(queryIdOf));
  await h.request(`/api/traces/${traceId}/logs?waitMs=0`);
  const deadline = Date.now() + 10_000;
  let ids: string[] = [];
  let lastNew = Date.now();
  while (Date.now() < deadline) {
    const now = [
      ...new Set(
        (await h.calls())
          .filter((c) => c.op === "GetQueryResults")
          .map(queryIdOf)
          .filter((q): q is string => q !== undefined && !before.has(q)),
      ),
    ];
    if (now.length > ids.length) {
      ids = now;
      lastNew = Date.now();
    }
    if (ids.length > 0 && Date.now() - lastNew >= 1_000) return ids;
    await sleep(100);
  }
  if (ids.length > 0) return ids;
  throw new Error(`no query started for ${traceId} within 10 s`);
}

/** When every one of `queryIds` was stopped (the last StopQuery's arrival), or null. */
async function stoppedAt(h: Harness, queryIds: readonly string[]): Promise<number | null> {
  const stops = (await h.calls()).filter((c) => c.op === "StopQuery");
  let last = 0;
  for (const id of queryIds) {
    const stop = stops.find((c) => queryIdOf(c) === id);
    if (!stop) return null;
    last = Math.max(last, stop.at);
  }
  return last;
}

const anyStopped = async (h: Harness, queryIds: readonly string[]) =>
  (await h.calls()).some((c) => c.op === "StopQuery" && queryIds.includes(queryIdOf(c) ?? ""));

export const abandonment: Scenario = {
  id: "abandonment",
  async run(h) {
    const checks: Check[] = [];
    await h.configure({ queryRunMs: 120_000 });

    // Cancel: DELETE stops the query at once.
    const cancelled = await h.seed();
    const cancelledQuery = await startSearch(h, cancelled.traceId);
    const del = await h.request(`/api/traces/${cancelled.traceId}/logs`, { method: "DELETE" });
    const cancelledOk = (del.body as { cancelled?: boolean } | null)?.cancelled === true && (await stoppedAt(h, cancelledQuery)) !== null;
    checks.push(check("a cancelled logs search (DELETE …/logs) is stopped upstream (StopQuery)", cancelledOk, `${del.status} ${JSON.stringify(del.body)}`));

    // Abandoned: polled once, then never again; watched: polled all along.
    const abandoned = await h.seed();
    const abandonedQuery = await startSearch(h, abandoned.traceId);
    const lastPoll = Date.now();
    const watched = await h.seed();
    const watchedQuery = await startSearch(h, watched.traceId);
    const bound = ABANDON_AFTER_MS + 5_000;
    let stoppedAfter: number | null = null;
    let watchedStopped = false;
    while (Date.now() - lastPoll < bound) {
      await pollLogs(h, watched.traceId, 2_500); // a long poll or two, as the open page does
      watchedStopped ||= await anyStopped(h, watchedQuery);
      const at = stoppedAfter === null ? await stoppedAt(h, abandonedQuery) : null;
      if (at !== null) {
        stoppedAfter = at - lastPoll;
        break;
      }
    }
    checks.push(
      check(
        `a logs search nobody polls any more is stopped upstream within ${fmt(bound)} ms (StopQuery)`,
        stoppedAfter !== null,
        stoppedAfter === null ? "no StopQuery" : `after ${fmt(stoppedAfter)} ms`,
      ),
    );
    checks.push(check("a logs search that is still polled is not stopped meanwhile", !watchedStopped && !(await anyStopped(h, watchedQuery))));
    await h.request(`/api/traces/${watched.traceId}/logs`, { method: "DELETE" });
    await h.reset();
    return {
      checks,
      figures: [
        {
          label: "abandoned logs searches",
          value: `cancel → StopQuery at once; unpolled → StopQuery ${stoppedAfter === null ? "never" : `${fmt(stoppedAfter)} ms`} after the last poll (abandonAfterMs ${fmt(ABANDON_AFTER_MS)} ms)`,
        },
      ],
      faultsInjected: 0,
    };
  },
};
