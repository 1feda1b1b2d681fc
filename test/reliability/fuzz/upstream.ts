/**
 * What the app sent upstream, as the AWS test server recorded it (GET /calls): the calls one
 * request caused, and whether every Logs Insights query is the app's fixed template around a
 * canonical trace ID (no user text).
 */
import { requestIdLogsQuery, traceLogsQuery, wideTraceLogsQuery } from "@/lib/sources/aws/logs-query";
import { traceSpansQuery } from "@/lib/sources/aws/spans-query";
import { type ParsedTraceId, parseTraceId } from "@/lib/trace-id";

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

/** The wide pass's SOURCE line: checked prefixes (log group name characters only), or none. */
const WIDE_SOURCE = /^SOURCE logGroups\((namePrefix: \['[.\-_/#A-Za-z0-9]+'(, '[.\-_/#A-Za-z0-9]+'){0,4}\])?\)\n/;
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;

/** One of the app's fixed templates around the ID: the narrow pass, the wide pass (any checked prefixes), aws/spans. */
function isTraceTemplate(query: string, id: ParsedTraceId): boolean {
  if (query === traceLogsQuery(id) || query === traceSpansQuery(id)) return true;
  return WIDE_SOURCE.test(query) && query.replace(WIDE_SOURCE, "SOURCE logGroups()\n") === wideTraceLogsQuery(id, { kind: "account" });
}

/** The request pass's template around request IDs (UUIDs, from a trace the app read), and nothing else. */
function isRequestTemplate(query: string): boolean {
  const ids = [...new Set(query.match(UUID) ?? [])];
  return ids.length > 0 && query === requestIdLogsQuery(ids);
}

/** Problems with the StartQuery calls: a query string that is not a fixed template of one of `canonical`. */
export function startQueryProblems(calls: readonly RecordedCall[], canonical: ReadonlySet<string>): string[] {
  const problems: string[] = [];
  for (const call of calls) {
    if (call.op !== "StartQuery") continue;
    const query = (call.input as { queryString?: unknown } | null)?.queryString;
    if (typeof query !== "string") {
      problems.push("a StartQuery without a queryString");
      continue;
    }
    if (isRequestTemplate(query)) continue;
    const hex = /[0-9a-f]{32}/.exec(query)?.[0];
    if (!hex || !canonical.has(hex)) {
      problems.push(`a StartQuery for an ID the fuzz never sent: ${JSON.stringify(query.slice(0, 120))}`);
      continue;
    }
    const parsed = parseTraceId(hex);
    if (!parsed.ok || !isTraceTemplate(query, parsed.id)) problems.push(`a StartQuery that is not the fixed template: ${JSON.stringify(query.slice(0, 200))}`);
  }
  return problems;
}
