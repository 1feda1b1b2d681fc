/**
 * One trace from the configured trace store (TRACE_STORE):
 *
 * - `xray`: X-Ray only (BatchGetTraces, then its trace retrieval when the account uses
 *   Transaction Search: aws-trace-reader.ts).
 * - `spans`: Transaction Search's `aws/spans` log group only, with one Logs Insights query
 *   (spans-store.ts); a missing `aws/spans` group is an error that says so.
 * - `auto`: X-Ray first; when X-Ray does not have the trace and either the account uses
 *   Transaction Search (GetTraceSegmentDestination, asked by the X-Ray reader already and
 *   remembered) or the ID says the trace is past X-Ray's 30 days, `aws/spans` (a missing group
 *   is then just "not found"). An account without either never pays for the Logs Insights query.
 */
import type { Trace } from "../../model";
import type { ParsedTraceId } from "../../trace-id";
import type { TraceStore } from "./aws-config";
import type { XRayTraceReader } from "./aws-trace-reader";
import { type SpansStore, XRAY_RETENTION_MS, idTimeMs } from "./spans-store";

export class TraceStoreReader {
  constructor(
    readonly store: TraceStore,
    private readonly xray: XRayTraceReader,
    readonly spans: SpansStore,
    private readonly now: () => number,
  ) {}

  async read(id: ParsedTraceId): Promise<Trace | null> {
    if (this.store === "spans") return this.spans.readTrace(id, true);
    const found = await this.xray.read(id);
    if (found || this.store === "xray") return found;
    const now = this.now();
    const started = idTimeMs(id, now);
    const pastRetention = started !== null && now - started > XRAY_RETENTION_MS;
    if (!pastRetention && !(await this.xray.transactionSearchEnabled())) return null;
    return this.spans.readTrace(id, false);
  }
}
