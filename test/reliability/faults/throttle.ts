/**
 * Throttling on every X-Ray and CloudWatch Logs operation at 50 %: the pages still complete,
 * through retries, and the attempts per logical call stay bounded.
 *
 * Not every page, every time: at 50 % one call now and then draws a throttle on each of its
 * attempts (the SDK's retry quota shrinks them as the run goes on), and then it must give up and
 * say so (a CI run saw it: the trace list, 503 "X-Ray is throttling Sightline's requests …, even
 * after retries"). So: at most one page of PAGES may fail, and only by saying it was throttled.
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
    /** Pages that failed only by saying they were throttled. */
    const throttled: string[] = [];
    const times: number[] = [];
    await h.post("/inject", { op: "*", fault: { kind: "throttle", probability: 0.5 } });
    for (let i = 0; i < PAGES; i++) {
      const known = await h.seed();
      const page = await loadPage(h, known);
      times.push(page.ms);
      const found = pageProblems(page, known).map((p) => `page ${i + 1}: ${p}`);
      if (found.length > 0 && found.every((p) => /throttl/i.test(p))) throttled.push(found.join("; "));
      else problems.push(...found);
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
          `pages complete with 50 % throttling on every operation: ${PAGES - 1} of ${PAGES} at least (trace, logs, list, graph, stats)`,
          problems.length === 0 && throttled.length <= 1,
          [...problems, ...throttled].slice(0, 5).join("; "),
        ),
        check("a page that does not complete says it was throttled, and nothing else goes wrong", problems.length === 0, problems.slice(0, 5).join("; ")),
        check(
          `retries under throttling are bounded (longest run of throttled attempts of one operation ≤ ${MAX_ATTEMPTS_PER_CALL - 1})`,
          longest <= MAX_ATTEMPTS_PER_CALL - 1,
          runs.map(([op, n]) => `${op} ${n}`).join(", "),
        ),
      ],
      figures: [
        { label: "throttling 50 %: upstream attempts / successful calls, per operation", value: perOp.join(", ") },
        { label: "throttling 50 %: longest run of throttled attempts, per operation", value: runs.map(([op, n]) => `${op} ${n}`).join(", ") },
        { label: "throttling 50 %: pages that gave up, saying they were throttled", value: throttled.length ? throttled.join(" | ") : "none" },
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
