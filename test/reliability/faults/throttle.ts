/**
 * Throttling on every X-Ray and CloudWatch Logs operation at 50 %: the pages still complete,
 * through retries, and the attempts per logical call stay bounded.
 */
import type { RecordedCall } from "../../aws-server/types";
import { check, fmt } from "../report";
import { type Scenario, countByOp, faultsAnswered } from "./harness";
import { loadPage, pageProblems } from "./page";
import { MAX_ATTEMPTS_PER_CALL } from "./bounds";

const PAGES = 4;

/** The longest run of throttled attempts of one operation in a row (a logical call's retries at most). */
function longestThrottledRun(calls: readonly RecordedCall[], op: string): number {
  let run = 0;
  let longest = 0;
  for (const c of calls) {
    if (c.op !== op) continue;
    run = c.fault ? run + 1 : 0;
    longest = Math.max(longest, run);
  }
  return longest;
}

export const throttleEverywhere: Scenario = {
  id: "throttle",
  async run(h) {
    const problems: string[] = [];
    const times: number[] = [];
    await h.post("/inject", { op: "*", fault: { kind: "throttle", probability: 0.5 } });
    for (let i = 0; i < PAGES; i++) {
      const known = await h.seed();
      const page = await loadPage(h, known);
      times.push(page.ms);
      problems.push(...pageProblems(page, known).map((p) => `page ${i + 1}: ${p}`));
    }
    const calls = await h.calls();
    await h.reset();

    const ops = countByOp(calls);
    const successes = countByOp(calls.filter((c) => !c.fault));
    const perOp = Object.keys(ops)
      .sort()
      .map((op) => `${op} ${fmt(ops[op])}/${fmt(successes[op] ?? 0)}`);
    const runs = Object.keys(ops)
      .sort()
      .map((op) => [op, longestThrottledRun(calls, op)] as const);
    const longest = Math.max(...runs.map(([, n]) => n));
    const injected = faultsAnswered(calls);
    return {
      checks: [
        check(
          `every page completes with 50 % throttling on every operation (${PAGES} pages: trace, logs, list, graph, stats)`,
          problems.length === 0,
          problems.slice(0, 5).join("; "),
        ),
        check(
          `retries under throttling are bounded (longest run of throttled attempts of one operation ≤ ${MAX_ATTEMPTS_PER_CALL - 1})`,
          longest <= MAX_ATTEMPTS_PER_CALL - 1,
          runs.map(([op, n]) => `${op} ${n}`).join(", "),
        ),
      ],
      figures: [
        { label: "throttling 50 %: upstream attempts / successful calls, per operation", value: perOp.join(", ") },
        { label: "throttling 50 %: longest run of throttled attempts, per operation", value: runs.map(([op, n]) => `${op} ${n}`).join(", ") },
        {
          label: "throttling 50 %: page completion time (trace + logs + list + graph + stats)",
          value: `median ${fmt(median(times))} ms, max ${fmt(Math.max(...times))} ms`,
        },
      ],
      faultsInjected: injected,
    };
  },
};

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? 0;
}
