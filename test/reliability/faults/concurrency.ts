/**
 * The account's Logs Insights concurrency limit at 2 while 6 trace pages ask for their logs at
 * once: StartQuery's LimitExceededException is waited out and retried, and every search completes.
 */
import type { KnownTrace } from "../../../e2e/support/known-trace";
import { check, fmt } from "../report";
import type { Scenario } from "./harness";
import { pollLogs } from "./logs-poll";

const TRACES = 6;

export const queryConcurrency: Scenario = {
  id: "concurrency",
  async run(h) {
    await h.configure({ maxConcurrentQueries: 2, queryRunMs: 1_500 });
    const known: KnownTrace[] = [];
    for (let i = 0; i < TRACES; i++) known.push(await h.seed());
    const started = Date.now();
    const polls = await Promise.all(known.map((k) => pollLogs(h, k.traceId, 90_000)));
    const ms = Date.now() - started;
    const calls = await h.calls();
    await h.reset();
    const limited = calls.filter((c) => c.op === "StartQuery" && c.error === "LimitExceededException").length;
    const starts = calls.filter((c) => c.op === "StartQuery").length;
    const incomplete = polls.flatMap((p, i) =>
      p.result?.status === "complete" && p.result.events.length === known[i].logs.length
        ? []
        : [`${known[i].traceId}: ${p.result?.status ?? p.status} ${p.result?.events.length ?? 0} events ${p.result?.message ?? ""}`],
    );
    return {
      checks: [
        check(
          `${TRACES} logs searches at once under a concurrency limit of 2: every one completes with all its logs`,
          incomplete.length === 0,
          incomplete.join("; "),
        ),
        check(
          "the concurrency limit was hit and waited out (LimitExceededException answered, then retried)",
          limited > 0,
          `${limited} LimitExceededException of ${starts} StartQuery`,
        ),
      ],
      figures: [
        {
          label: `concurrency limit 2, ${TRACES} searches at once`,
          value: `all done in ${fmt(ms)} ms; ${starts} StartQuery calls, ${limited} answered LimitExceededException`,
        },
      ],
      faultsInjected: limited,
    };
  },
};
