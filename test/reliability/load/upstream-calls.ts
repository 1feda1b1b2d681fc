/**
 * Upstream calls per distinct trace, from the AWS test server's record (GET /calls):
 * BatchGetTraces by the trace IDs it asked for, StartQuery by the trace its query string names.
 */
import type { RecordedCall } from "../../aws-server/types";

export interface UpstreamPerTrace {
  /** op → trace hex → calls. */
  perTrace: Map<string, Map<string, number>>;
  /** op → calls, all of them. */
  totals: Map<string, number>;
}

const hexOf = (xrayId: string) => xrayId.replace(/^1-/, "").replace("-", "").toLowerCase();

export function upstreamPerTrace(calls: readonly RecordedCall[], traceHexes: readonly string[]): UpstreamPerTrace {
  const perTrace = new Map<string, Map<string, number>>();
  const totals = new Map<string, number>();
  const bump = (op: string, hex: string) => {
    let m = perTrace.get(op);
    if (!m) perTrace.set(op, (m = new Map()));
    m.set(hex, (m.get(hex) ?? 0) + 1);
  };
  for (const call of calls) {
    totals.set(call.op, (totals.get(call.op) ?? 0) + 1);
    const input = (call.input ?? {}) as { TraceIds?: unknown; queryString?: unknown };
    if (call.op === "BatchGetTraces" && Array.isArray(input.TraceIds)) {
      for (const id of input.TraceIds) if (typeof id === "string") bump(call.op, hexOf(id));
    } else if (call.op === "StartQuery" && typeof input.queryString === "string") {
      for (const hex of traceHexes) if (input.queryString.includes(hex)) bump(call.op, hex);
    }
  }
  return { perTrace, totals };
}

export async function fetchCalls(control: string): Promise<RecordedCall[]> {
  const res = await fetch(`${control}/calls`);
  if (!res.ok) throw new Error(`control /calls answered ${res.status}`);
  return (await res.json()) as RecordedCall[];
}
