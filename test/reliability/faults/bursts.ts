/**
 * Bursts of 5xx answers and dropped connections: a short burst is absorbed by the SDK's retries
 * (the page loads), a long one ends in a clear 5xx after a bounded number of attempts.
 */
import type { Check } from "../report";
import { check } from "../report";
import { MAX_ATTEMPTS_PER_CALL } from "./bounds";
import { type Harness, type Scenario, errorOf } from "./harness";
import { pollLogs } from "./logs-poll";

interface Burst {
  name: string;
  op: string;
  fault: { kind: "serverError"; count: number; status?: 500 | 503 } | { kind: "reset"; count: number };
  route: "trace" | "list" | "graph" | "logs";
  /** ok: the route answers as if nothing happened; error: a clear upstream error. */
  expect: "ok" | "error";
}

const BURSTS: Burst[] = [
  { name: "2 × 500 on BatchGetTraces", op: "BatchGetTraces", fault: { kind: "serverError", count: 2 }, route: "trace", expect: "ok" },
  { name: "2 × 503 on GetQueryResults", op: "GetQueryResults", fault: { kind: "serverError", count: 2, status: 503 }, route: "logs", expect: "ok" },
  { name: "10 × 503 on GetServiceGraph", op: "GetServiceGraph", fault: { kind: "serverError", count: 10, status: 503 }, route: "graph", expect: "error" },
  { name: "10 × 500 on StartQuery", op: "StartQuery", fault: { kind: "serverError", count: 10 }, route: "logs", expect: "ok" },
  { name: "20 × 500 on StartQuery", op: "StartQuery", fault: { kind: "serverError", count: 20 }, route: "logs", expect: "error" },
  { name: "1 reset on BatchGetTraces", op: "BatchGetTraces", fault: { kind: "reset", count: 1 }, route: "trace", expect: "ok" },
  { name: "1 reset on GetQueryResults", op: "GetQueryResults", fault: { kind: "reset", count: 1 }, route: "logs", expect: "ok" },
  { name: "10 resets on GetTraceSummaries", op: "GetTraceSummaries", fault: { kind: "reset", count: 10 }, route: "list", expect: "error" },
  { name: "10 resets on GetQueryResults", op: "GetQueryResults", fault: { kind: "reset", count: 10 }, route: "logs", expect: "ok" },
  { name: "20 resets on GetQueryResults", op: "GetQueryResults", fault: { kind: "reset", count: 20 }, route: "logs", expect: "error" },
];

interface Answer {
  ok: boolean;
  /** For an error: the HTTP status and the message the UI shows. */
  status: number;
  message: string;
  ms: number;
}

async function load(h: Harness, route: Burst["route"]): Promise<Answer> {
  const known = await h.seed();
  const w = h.freshWindow();
  const q = `from=${w.from}&to=${w.to}`;
  if (route === "logs") {
    const p = await pollLogs(h, known.traceId, 60_000);
    const r = p.result;
    return {
      ok: r?.status === "complete" && r.events.length === known.logs.length,
      status: p.status,
      message: r ? `${r.status}: ${r.message ?? ""}` : "",
      ms: p.ms,
    };
  }
  const path = { trace: `/api/traces/${known.traceId}`, list: `/api/traces?${q}`, graph: `/api/service-graph?${q}` }[route];
  const a = await h.request(path);
  return { ok: a.status === 200, status: a.status, message: errorOf(a.body)?.message ?? "", ms: a.ms };
}

/** The most faulted attempts of one logical call: a retry repeats its request's input exactly. */
function mostFaultedAttempts(calls: readonly { input: unknown; fault?: string }[]): number {
  const byInput = new Map<string, number>();
  for (const c of calls) if (c.fault) byInput.set(JSON.stringify(c.input), (byInput.get(JSON.stringify(c.input)) ?? 0) + 1);
  return Math.max(0, ...byInput.values());
}

/** A clear upstream error: a 5xx with the contract's message, or a failed logs search saying why. */
function isClearError(route: Burst["route"], a: Answer): boolean {
  // A search of several queries (the wide and the narrow pass) may have some succeed: partial, saying why.
  if (route === "logs") return a.status === 200 && /^(failed|partial): .*\S/.test(a.message) && /CloudWatch Logs|Logs Insights/.test(a.message);
  return a.status >= 502 && a.status <= 504 && /X-Ray/.test(a.message);
}

export const bursts: Scenario = {
  id: "bursts",
  async run(h) {
    const checks: Check[] = [];
    const figures: string[] = [];
    let injected = 0;
    for (const b of BURSTS) {
      await h.post("/inject", { op: b.op, fault: b.fault });
      const a = await load(h, b.route);
      const calls = (await h.calls()).filter((c) => c.op === b.op);
      const faulted = calls.filter((c) => c.fault).length;
      injected += faulted;
      await h.reset();
      const rightState = b.expect === "ok" ? a.ok : isClearError(b.route, a);
      checks.push(
        check(`${b.name}: ${b.expect === "ok" ? "absorbed by retries, the page loads" : "a clear upstream error"}`, rightState, `${a.status} ${a.message}`),
      );
      // Per logical call (the SDK's attempts, times the app's own tries of a transient failure);
      // a logs search starts one query per pass and group chunk, each a logical call of its own.
      const bound = MAX_ATTEMPTS_PER_CALL;
      const most = mostFaultedAttempts(calls);
      if (b.expect === "error")
        checks.push(check(`${b.name}: attempts are bounded (≤ ${bound} per call)`, most <= bound, `${faulted} attempts, at most ${most} for one call`));
      figures.push(
        `${b.name}: ${faulted} faulted of ${calls.length} attempts, ${a.ms} ms${b.expect === "error" ? ` → ${a.status} "${a.message.slice(0, 90)}"` : ""}`,
      );
    }
    return { checks, figures: [{ label: "5xx bursts and connection resets", value: figures.join("; ") }], faultsInjected: injected };
  },
};
