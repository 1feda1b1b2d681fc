/** Counts for the report: requests per route family, 4xx by code, answer times, and examples of each failure. */
import { jsonError, decodeRpcStatus, type Answer } from "./assess";
import type { FuzzRequest } from "./request";

export type FailureKind = "5xx" | "hang" | "message" | "status" | "upstream" | "transport";

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** Which check a problem text belongs to. */
export function classify(problem: string): FailureKind {
  if (/^5\d\d/.test(problem)) return "5xx";
  if (problem.startsWith("no answer")) return "hang";
  if (problem.startsWith("transport")) return "transport";
  if (problem.startsWith("upstream")) return "upstream";
  if (problem.startsWith("expected")) return "status";
  return "message";
}

export class Tally {
  requests = 0;
  rejectedCorrectly = 0;
  readonly byFamily = new Map<string, number>();
  readonly byCode = new Map<string, number>();
  readonly times: number[] = [];
  readonly failures = new Map<FailureKind, string[]>();
  readonly failureCounts = new Map<FailureKind, number>();

  record(mode: string, req: FuzzRequest, answer: Answer, problems: readonly string[], rejectedCorrectly: boolean): void {
    this.requests += 1;
    if (rejectedCorrectly) this.rejectedCorrectly += 1;
    this.byFamily.set(req.family, (this.byFamily.get(req.family) ?? 0) + 1);
    this.times.push(answer.ms);
    if (answer.status >= 400 && answer.status < 500) {
      const e = answer.contentType.includes("protobuf") ? decodeRpcStatus(answer.body) : jsonError(answer.body);
      const code = `${answer.status} ${e ? (answer.contentType.includes("protobuf") ? `rpc ${e.code}` : e.code) : req.answer === "page" ? "page" : "no code"}`;
      this.byCode.set(code, (this.byCode.get(code) ?? 0) + 1);
    }
    for (const p of problems) this.fail(classify(p), `[${mode}] ${req.method} ${req.path.slice(0, 140)} (${req.note.slice(0, 100)}) → ${p}`);
  }

  /** Every failure (for failures.json in the run's folder), by kind. */
  readonly allFailures = new Map<FailureKind, string[]>();

  fail(kind: FailureKind, example: string): void {
    this.failureCounts.set(kind, (this.failureCounts.get(kind) ?? 0) + 1);
    this.allFailures.set(kind, [...(this.allFailures.get(kind) ?? []), example]);
    const list = this.failures.get(kind) ?? [];
    if (list.length < 8) list.push(example);
    this.failures.set(kind, list);
  }

  count(kind: FailureKind): number {
    return this.failureCounts.get(kind) ?? 0;
  }

  detail(kind: FailureKind): string | undefined {
    const list = this.failures.get(kind);
    return list && list.length ? `${this.count(kind)} failures, e.g.:\n${list.join("\n")}` : undefined;
  }

  p(pct: number): number {
    return percentile(
      [...this.times].sort((a, b) => a - b),
      pct,
    );
  }
}
