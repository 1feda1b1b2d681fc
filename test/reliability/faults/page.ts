/** One trace page and the list views around it, as the browser loads them. */
import type { LogsResult, Trace } from "../../../lib/model";
import type { KnownTrace } from "../../../e2e/support/known-trace";
import { type ApiAnswer, type Harness, errorOf } from "./harness";
import { pollLogs, type LogsPoll } from "./logs-poll";

export interface PageLoad {
  trace: ApiAnswer;
  logs: LogsPoll;
  list: ApiAnswer;
  graph: ApiAnswer;
  stats: ApiAnswer;
  ms: number;
}

/** The trace page (trace and logs at once) and the three list views of a fresh window. */
export async function loadPage(h: Harness, known: KnownTrace): Promise<PageLoad> {
  const started = Date.now();
  const w = h.freshWindow();
  const q = `from=${w.from}&to=${w.to}`;
  const [trace, logs, list, graph, stats] = await Promise.all([
    h.request(`/api/traces/${known.traceId}`),
    pollLogs(h, known.traceId),
    h.request(`/api/traces?${q}&limit=50`),
    h.request(`/api/service-graph?${q}`),
    h.request(`/api/services/payment-svc/stats?${q}`),
  ]);
  return { trace, logs, list, graph, stats, ms: Date.now() - started };
}

/** What is wrong with a page that should have loaded completely; empty when nothing is. */
export function pageProblems(page: PageLoad, known: KnownTrace): string[] {
  const problems: string[] = [];
  const describe = (what: string, a: ApiAnswer) => `${what}: ${a.hung ? "no answer" : `${a.status} ${errorOf(a.body)?.message ?? ""}`}`;
  const trace = page.trace.status === 200 ? (page.trace.body as { trace: Trace }).trace : null;
  if (!trace || trace.traceId !== known.traceId || trace.spans.length < known.spans.length) problems.push(describe("trace", page.trace));
  const logs: LogsResult | null = page.logs.result;
  if (!logs || logs.status !== "complete" || logs.events.length !== known.logs.length) {
    problems.push(`logs: ${logs ? `${logs.status}, ${logs.events.length} events, ${logs.message ?? ""}` : `HTTP ${page.logs.status}`}`);
  }
  const listed = page.list.status === 200 ? (page.list.body as { traces: { traceId: string }[] }).traces : null;
  if (!listed?.some((t) => t.traceId === known.traceId)) problems.push(describe("trace list", page.list));
  const graph = page.graph.status === 200 ? (page.graph.body as { nodes: unknown[] }).nodes : null;
  if (!graph || graph.length === 0) problems.push(describe("service graph", page.graph));
  if (page.stats.status !== 200) problems.push(describe("service stats", page.stats));
  return problems;
}
