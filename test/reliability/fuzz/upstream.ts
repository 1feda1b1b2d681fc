/**
 * What the app sent upstream, as the AWS test server recorded it (GET /calls): the calls one
 * request caused, and whether every Logs Insights query is the app's fixed template around a
 * canonical trace ID (no user text).
 */
import { traceLogsQuery } from "@/lib/sources/aws/logs-query";
import { parseTraceId } from "@/lib/trace-id";

export interface RecordedCall {
  op: string;
  input: unknown;
  at: number;
}

/** Reads the control API's call log; `reset` clears it (and any faults) afterwards. */
export class CallLog {
  /** Every call seen so far, across resets. */
  readonly all: RecordedCall[] = [];
  private seen = 0;

  constructor(private readonly control: string) {}

  /** The calls recorded since the last poll. */
  async poll(): Promise<RecordedCall[]> {
    const calls = (await (await fetch(`${this.control}/calls`)).json()) as RecordedCall[];
    const fresh = calls.slice(this.seen);
    this.seen = calls.length;
    this.all.push(...fresh);
    if (this.seen > 500) {
      await fetch(`${this.control}/reset`, { method: "POST" });
      // Calls made between the read and the reset are lost to attribution; the caller polls in quiet moments.
      this.seen = 0;
    }
    return fresh;
  }
}

/** Problems with the StartQuery calls: a query string that is not the fixed template of one of `canonical`. */
export function startQueryProblems(calls: readonly RecordedCall[], canonical: ReadonlySet<string>): string[] {
  const problems: string[] = [];
  for (const call of calls) {
    if (call.op !== "StartQuery") continue;
    const query = (call.input as { queryString?: unknown } | null)?.queryString;
    if (typeof query !== "string") {
      problems.push("a StartQuery without a queryString");
      continue;
    }
    const hex = /[0-9a-f]{32}/.exec(query)?.[0];
    if (!hex || !canonical.has(hex)) {
      problems.push(`a StartQuery for an ID the fuzz never sent: ${JSON.stringify(query.slice(0, 120))}`);
      continue;
    }
    const parsed = parseTraceId(hex);
    if (!parsed.ok || query !== traceLogsQuery(parsed.id)) problems.push(`a StartQuery that is not the fixed template: ${JSON.stringify(query.slice(0, 200))}`);
  }
  return problems;
}
