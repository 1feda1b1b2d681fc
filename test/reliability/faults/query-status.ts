/** Logs Insights queries that end Failed, Timeout or Cancelled: the logs route says so, with a message. */
import type { Check } from "../report";
import { check } from "../report";
import type { Scenario } from "./harness";
import { pollLogs } from "./logs-poll";

const ENDINGS = ["Failed", "Timeout", "Cancelled"] as const;

export const queryEndings: Scenario = {
  id: "query-status",
  async run(h) {
    const checks: Check[] = [];
    const figures: string[] = [];
    let injected = 0;
    for (const ending of ENDINGS) {
      await h.post("/inject", { op: "StartQuery", fault: { kind: "queryStatus", status: ending } });
      const known = await h.seed();
      const p = await pollLogs(h, known.traceId, 30_000);
      const started = (await h.calls()).filter((c) => c.op === "StartQuery").length;
      injected += started;
      await h.reset();
      const r = p.result;
      checks.push(
        check(
          `a Logs Insights query ending ${ending}: the logs route answers failed, with a message naming ${ending} (not "complete with 0 logs")`,
          r?.status === "failed" && (r.message ?? "").includes(ending),
          `${r?.status ?? p.status}: ${r?.message ?? ""}`,
        ),
      );
      figures.push(`${ending} → ${r?.status ?? p.status} "${r?.message ?? ""}"`);
    }
    return { checks, figures: [{ label: "Logs Insights query endings", value: figures.join("; ") }], faultsInjected: injected };
  },
};
