/**
 * Accounts with CloudWatch Transaction Search send their segments to CloudWatch Logs (`aws/spans`),
 * and BatchGetTraces finds nothing there ("You cannot find traces through this API if Transaction
 * Search is enabled", X-Ray API reference). Such an account is recognised by
 * GetTraceSegmentDestination answering `CloudWatchLogs`, asked only when BatchGetTraces found
 * nothing, and remembered for a while. Its traces are fetched with StartTraceRetrieval, then
 * ListRetrievedTraces (format XRAY: segment documents) until the retrieval is COMPLETE.
 */
import {
  CancelTraceRetrievalCommand,
  GetTraceSegmentDestinationCommand,
  ListRetrievedTracesCommand,
  StartTraceRetrievalCommand,
  type XRayClient,
} from "@aws-sdk/client-xray";
import { ApiError } from "../../http/api-error";
import type { ParsedTraceId } from "../../trace-id";
import { toApiError } from "./aws-errors";
import type { Trace } from "../../model";
import { sleep } from "./backoff";
import { segmentsToTrace } from "./segments-to-spans";

export interface RetrievalOptions {
  /** Between two ListRetrievedTraces calls. */
  pollIntervalMs: number;
  /** A retrieval not COMPLETE after this is cancelled: 504. */
  timeoutMs: number;
  /** The retrieval's window around the ID's epoch second. */
  beforeMs: number;
  afterMs: number;
  /** How long the segment destination is remembered. */
  destinationTtlMs: number;
}

export const DEFAULT_RETRIEVAL_OPTIONS: RetrievalOptions = {
  pollIntervalMs: 1_000,
  timeoutMs: 30_000,
  beforeMs: 5 * 60_000,
  afterMs: 60 * 60_000,
  destinationTtlMs: 10 * 60_000,
};

const MAX_PAGES = 20;

export class TransactionSearch {
  private destination: { value: Promise<boolean>; at: number } | null = null;

  constructor(
    private readonly xray: XRayClient,
    private readonly options: RetrievalOptions,
    private readonly now: () => number,
  ) {}

  /** True when the account's segments go to CloudWatch Logs (Transaction Search). */
  enabled(): Promise<boolean> {
    const now = this.now();
    if (this.destination && now - this.destination.at < this.options.destinationTtlMs) return this.destination.value;
    const value = this.xray.send(new GetTraceSegmentDestinationCommand({})).then(
      (answer) => answer.Destination === "CloudWatchLogs",
      (error: unknown) => {
        this.destination = null;
        throw toApiError(error, "xray:GetTraceSegmentDestination");
      },
    );
    this.destination = { value, at: now };
    return value;
  }

  /** The trace through StartTraceRetrieval / ListRetrievedTraces; null when it has no segments. */
  async retrieve(id: ParsedTraceId): Promise<Trace | null> {
    const second = id.epochSeconds * 1000;
    let token: string | undefined;
    try {
      const started = await this.xray.send(
        new StartTraceRetrievalCommand({
          TraceIds: [id.xray],
          StartTime: new Date(second - this.options.beforeMs),
          EndTime: new Date(second + this.options.afterMs),
        }),
      );
      token = started.RetrievalToken;
    } catch (error) {
      throw toApiError(error, "xray:StartTraceRetrieval");
    }
    if (!token) throw new ApiError(502, "aws_error", "X-Ray's StartTraceRetrieval answered without a retrieval token.");
    const documents = await this.collect(token);
    if (documents.length === 0) return null;
    const { trace } = segmentsToTrace(id.xray, documents);
    return trace.spans.length ? trace : null;
  }

  /** Polls until COMPLETE, then reads every page; the segment documents of the retrieval. */
  private async collect(retrievalToken: string): Promise<string[]> {
    const deadline = this.now() + this.options.timeoutMs;
    const documents: string[] = [];
    let nextToken: string | undefined;
    let pages = 0;
    try {
      for (;;) {
        const answer = await this.xray.send(new ListRetrievedTracesCommand({ RetrievalToken: retrievalToken, TraceFormat: "XRAY", NextToken: nextToken }));
        const status = answer.RetrievalStatus;
        if (status === "COMPLETE") {
          for (const trace of answer.Traces ?? []) for (const span of trace.Spans ?? []) if (span.Document) documents.push(span.Document);
          nextToken = answer.NextToken;
          pages += 1;
          if (!nextToken || pages >= MAX_PAGES) return documents;
        } else if (status === "SCHEDULED" || status === "RUNNING" || status === undefined) {
          if (this.now() >= deadline) break;
          await sleep(this.options.pollIntervalMs);
        } else {
          throw new ApiError(502, "aws_error", `X-Ray's trace retrieval (Transaction Search) ended with ${status}.`);
        }
      }
    } catch (error) {
      throw toApiError(error, "xray:ListRetrievedTraces");
    }
    await this.xray.send(new CancelTraceRetrievalCommand({ RetrievalToken: retrievalToken })).catch(() => undefined);
    const seconds = Math.round(this.options.timeoutMs / 1000);
    throw new ApiError(504, "aws_unreachable", `X-Ray's trace retrieval (Transaction Search) did not complete within ${seconds} s.`);
  }
}
