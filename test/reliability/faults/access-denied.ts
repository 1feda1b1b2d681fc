/**
 * AccessDenied on each operation the app calls: the route that needs it answers the contract's
 * upstream error (502 `aws_access_denied`; the logs route: `failed` / `partial` with a message)
 * naming the missing IAM action, after one attempt (a denial is not retried), while the routes
 * that do not need it keep working.
 */
import type { Check } from "../report";
import { check, fmt } from "../report";
import { type ApiAnswer, type Harness, type Scenario, errorOf, sleep } from "./harness";
import { pollLogs } from "./logs-poll";

type Route = "trace" | "list" | "graph" | "stats" | "logs";

interface Denial {
  op: string;
  action: string;
  route: Route;
  /** The logs route still shows what it could search: `partial` instead of `failed`. */
  logsStatus?: "failed" | "partial";
}

/** DescribeLogGroups first: the app remembers LOG_GROUPS prefixes' expansion for minutes once it has it. */
const DENIALS: Denial[] = [
  { op: "DescribeLogGroups", action: "logs:DescribeLogGroups", route: "logs", logsStatus: "partial" },
  { op: "BatchGetTraces", action: "xray:BatchGetTraces", route: "trace" },
  { op: "GetTraceSummaries", action: "xray:GetTraceSummaries", route: "list" },
  { op: "GetServiceGraph", action: "xray:GetServiceGraph", route: "graph" },
  { op: "GetTimeSeriesServiceStatistics", action: "xray:GetTimeSeriesServiceStatistics", route: "stats" },
  { op: "StartQuery", action: "logs:StartQuery", route: "logs", logsStatus: "failed" },
  { op: "GetQueryResults", action: "logs:GetQueryResults", route: "logs", logsStatus: "failed" },
];

async function answerOf(h: Harness, route: Route, traceId: string): Promise<{ status: number; state: string; message: string }> {
  const w = h.freshWindow();
  const q = `from=${w.from}&to=${w.to}`;
  if (route === "logs") {
    const p = await pollLogs(h, traceId, 30_000);
    return { status: p.status, state: p.result?.status ?? "none", message: p.result?.message ?? "" };
  }
  const path = { trace: `/api/traces/${traceId}`, list: `/api/traces?${q}`, graph: `/api/service-graph?${q}`, stats: `/api/services/payment-svc/stats?${q}` }[
    route
  ];
  const a: ApiAnswer = await h.request(path);
  const e = errorOf(a.body);
  return { status: a.status, state: e?.code ?? "ok", message: e?.message ?? "" };
}

export const accessDenied: Scenario = {
  id: "access-denied",
  async run(h) {
    const checks: Check[] = [];
    let injected = 0;
    const attempts: string[] = [];
    for (const d of DENIALS) {
      const known = await h.seed();
      await h.post("/inject", { op: d.op, fault: { kind: "accessDenied" } });
      const denied = await answerOf(h, d.route, known.traceId);
      const others: string[] = [];
      for (const route of ["trace", "list", "graph", "stats", "logs"] as const) {
        if (route === d.route) continue;
        // The logs route needs BatchGetTraces only for the trace's own groups: it still works.
        const a = await answerOf(h, route, (await h.seed()).traceId);
        const ok = route === "logs" ? a.state === "complete" : a.status === 200;
        if (!ok) others.push(`${route}: ${a.status} ${a.state} ${a.message}`);
      }
      const calls = (await h.calls()).filter((c) => c.op === d.op);
      const faulted = calls.filter((c) => c.fault === "AccessDeniedException").length;
      injected += faulted;
      await h.reset();

      const rightState =
        d.route === "logs"
          ? denied.status === 200 && denied.state === d.logsStatus && denied.message.includes(d.action)
          : denied.status === 502 && denied.state === "aws_access_denied" && denied.message.includes(d.action);
      const expected = d.route === "logs" ? `200, logs ${d.logsStatus}` : "502 aws_access_denied";
      checks.push(
        check(
          `${d.op} denied: the ${d.route} route answers ${expected}, naming ${d.action}`,
          rightState,
          `${denied.status} ${denied.state}: ${denied.message}`,
        ),
      );
      checks.push(check(`${d.op} denied: the other routes keep working`, others.length === 0, others.join("; ")));
      attempts.push(`${d.op} ${faulted}`);
      if (d.op === "DescribeLogGroups") {
        // The app remembers a failed listing for 10 s (so as not to ask on every poll): once the
        // permission is back, the logs search works again after that.
        const lifted = Date.now();
        let state = "";
        while (Date.now() - lifted < 15_000) {
          const a = await answerOf(h, "logs", (await h.seed()).traceId);
          state = `${a.state} ${a.message}`;
          if (a.state === "complete") break;
          await sleep(1_000);
        }
        await h.reset();
        checks.push(
          check(
            "DescribeLogGroups allowed again: the logs search works again within 15 s",
            state.startsWith("complete"),
            `${fmt(Date.now() - lifted)} ms: ${state}`,
          ),
        );
      }
    }
    return {
      checks,
      figures: [{ label: "AccessDenied: denied attempts per operation (whole scenario, every route)", value: attempts.join(", ") }],
      faultsInjected: injected,
    };
  },
};
