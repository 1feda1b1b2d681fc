/**
 * One trace from X-Ray, wherever the account keeps it: BatchGetTraces first; when that finds
 * nothing and the account uses Transaction Search, the trace retrieval API.
 */
import type { XRayClient } from "@aws-sdk/client-xray";
import type { ParsedTraceId } from "../../trace-id";
import type { Backoff } from "./backoff";
import type { Trace } from "../../model";
import { batchGetXRayTraces } from "./aws-trace-fetch";
import { type RetrievalOptions, TransactionSearch } from "./transaction-search";

export class XRayTraceReader {
  private readonly transactionSearch: TransactionSearch;

  constructor(
    private readonly xray: XRayClient,
    private readonly unprocessedBackoff: Backoff,
    retrieval: RetrievalOptions,
    now: () => number,
  ) {
    this.transactionSearch = new TransactionSearch(xray, retrieval, now);
  }

  /** The account sends its segments to CloudWatch Logs (Transaction Search); remembered for a while. */
  transactionSearchEnabled(): Promise<boolean> {
    return this.transactionSearch.enabled();
  }

  async read(id: ParsedTraceId): Promise<Trace | null> {
    const found = (await batchGetXRayTraces(this.xray, [id], this.unprocessedBackoff)).get(id.hex) ?? null;
    if (found) return found;
    return (await this.transactionSearch.enabled()) ? this.transactionSearch.retrieve(id) : null;
  }
}
