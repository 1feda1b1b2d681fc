/**
 * Answers slower than the app's request timeout (the suite starts the app with
 * AWS_REQUEST_TIMEOUT_MS = REQUEST_TIMEOUT_MS): the route answers within a bounded time with a
 * timeout message, instead of hanging.
 */
import type { Check } from "../report";
import { check, fmt } from "../report";
import { REQUEST_TIMEOUT_MS } from "./bounds";
import { type Scenario, errorOf } from "./harness";
import { pollLogs } from "./logs-poll";

/** Within this, the route must have answered (the app's own deadline, plus scheduling slack). */
const SLOW_ANSWER_BOUND_MS = 2 * REQUEST_TIMEOUT_MS + 2_000;

export const slowUpstream: Scenario = {
  id: "slow",
  async run(h) {
    const checks: Check[] = [];
    const figures: string[] = [];
    let injected = 0;
    const slowMs = REQUEST_TIMEOUT_MS + 3_000;

    for (const op of ["BatchGetTraces", "GetServiceGraph"] as const) {
      const known = await h.seed();
      const w = h.freshWindow();
      await h.post("/inject", { op, fault: { kind: "slow", ms: slowMs } });
      const path = op === "BatchGetTraces" ? `/api/traces/${known.traceId}` : `/api/service-graph?from=${w.from}&to=${w.to}`;
      const a = await h.request(path, { boundMs: 60_000 });
      const attempts = (await h.calls()).filter((c) => c.op === op).length;
      injected += attempts;
      await h.reset();
      const e = errorOf(a.body);
      checks.push(
        check(
          `${op} slower than the request timeout: the route answers 504 within ${fmt(SLOW_ANSWER_BOUND_MS)} ms, saying X-Ray did not answer in time`,
          !a.hung && a.status === 504 && a.ms <= SLOW_ANSWER_BOUND_MS && /did not answer/.test(e?.message ?? ""),
          `${a.hung ? "no answer" : a.status} after ${fmt(a.ms)} ms: ${e?.message ?? ""}`,
        ),
      );
      figures.push(`${op}: ${a.status} after ${fmt(a.ms)} ms, ${attempts} attempts`);
    }

    // Logs: every GetQueryResults slow; the search must end failed with a timeout message.
    const known = await h.seed();
    await h.post("/inject", { op: "GetQueryResults", fault: { kind: "slow", ms: slowMs } });
    const p = await pollLogs(h, known.traceId, 60_000);
    const attempts = (await h.calls()).filter((c) => c.op === "GetQueryResults").length;
    injected += attempts;
    await h.reset();
    const bound = 40_000;
    checks.push(
      check(
        `GetQueryResults slower than the request timeout: the logs search ends failed within ${fmt(bound)} ms, saying Logs did not answer in time`,
        p.result?.status === "failed" && p.ms <= bound && /did not answer/.test(p.result.message ?? ""),
        `${p.result?.status ?? p.status} after ${fmt(p.ms)} ms: ${p.result?.message ?? ""}`,
      ),
    );
    figures.push(`GetQueryResults: logs ${p.result?.status ?? p.status} after ${fmt(p.ms)} ms, ${attempts} attempts`);
    return {
      checks,
      figures: [{ label: `slow answers (${fmt(slowMs)} ms, request timeout ${fmt(REQUEST_TIMEOUT_MS)} ms)`, value: figures.join("; ") }],
      faultsInjected: injected,
    };
  },
};
