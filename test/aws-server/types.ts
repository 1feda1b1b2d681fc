/**
 * The public face of the AWS test server: what tests and the e2e harness see.
 */
import type { S3Object } from "./s3/s3-store";

/** A fault injected for one operation name ("BatchGetTraces", "StartQuery", …) or for "*". */
export type Fault =
  /**
   * X-Ray: ThrottledException (429, as the X-Ray model names it); Logs: ThrottlingException (400).
   * `after`: calls of the operation let through before the throttling starts.
   */
  | { kind: "throttle"; probability?: number; count?: number; after?: number }
  /** AccessDeniedException naming the IAM action (default `xray:<Op>` / `logs:<Op>`). */
  | { kind: "accessDenied"; action?: string; count?: number }
  /** A burst of `count` (default 1) server errors: 500 (X-Ray InternalFailure, Logs ServiceUnavailableException) or 503 (ServiceUnavailable). */
  | { kind: "serverError"; count?: number; status?: 500 | 503 }
  /** `count` (default 1) requests whose socket is destroyed without a response. */
  | { kind: "reset"; count?: number }
  /** `count` (default 1) requests that are carried out, and whose answer is then lost (the socket is destroyed). */
  | { kind: "lostAnswer"; count?: number }
  /**
   * `count` (default 1) answers that break off: the status, headers and first `afterBytes` bytes
   * of the body (half of it by default) are sent, then the socket is destroyed.
   */
  | { kind: "cutAnswer"; count?: number; afterBytes?: number }
  /** Every matching answer's body is sent in 64 KiB pieces at `bytesPerSecond`, as over a slower network. */
  | { kind: "trickle"; bytesPerSecond: number }
  /** Every matching request is answered after `ms`. */
  | { kind: "slow"; ms: number }
  /** Logs Insights queries started while this is set end with this status when their run time elapses. */
  | { kind: "queryStatus"; status: "Failed" | "Timeout" | "Cancelled" }
  /** BatchGetTraces reports each of these IDs in UnprocessedTraceIds once. */
  | { kind: "unprocessed"; traceIds: string[] }
  /** ResourceNotFoundException (X-Ray 404; Logs 400, "log group does not exist"). */
  | { kind: "resourceNotFound"; count?: number };

export interface RecordedCall {
  /** The operation name, e.g. "BatchGetTraces"; "Unknown" for a request that named none. */
  op: string;
  /**
   * The request's JSON body as received (null when it was not JSON); for S3, the SDK's member
   * names of what the request carried (Bucket, Key, Prefix, ServerSideEncryption, SSEKMSKeyId,
   * IfMatch, Metadata, ContentLength, …: test/aws-server/s3/s3-routes.ts).
   */
  input: unknown;
  /** Epoch milliseconds when the request arrived. */
  at: number;
  /** The injected fault this request was answered with (`reset`, `lostAnswer`, `slow`, or the AWS error name), if any. */
  fault?: string;
  /** An AWS error the operation itself answered (e.g. LimitExceededException), if any. */
  error?: string;
}

export interface ServerSettings {
  /** Extra latency per operation name (or "*"), milliseconds, before the answer. */
  latencyMs: Record<string, number>;
  /** How long a Logs Insights query runs (status Scheduled, then Running) before it completes. */
  queryRunMs: number;
  /** Logs Insights queries that may be Scheduled or Running at once; StartQuery beyond → LimitExceededException. */
  maxConcurrentQueries: number;
  /** The account has CloudWatch Transaction Search: BatchGetTraces finds nothing, GetTraceSegmentDestination says CloudWatchLogs. */
  transactionSearch: boolean;
  /**
   * The region knows field indexes (`filterIndex`) and `SOURCE logGroups(…)`; false: a query using
   * either is a MalformedQueryException, as in a region or account without them.
   */
  fieldIndexes: boolean;
  /**
   * Requests per second per operation name (or "*") the account allows, as AWS enforces its
   * quotas: a request beyond it within any one-second window is throttled (ThrottledException /
   * ThrottlingException). None: no quota.
   */
  rateLimits: Record<string, number>;
  /**
   * CloudWatch cross-account observability: the source accounts linked to this account (the
   * monitoring account), sharing their log groups. Their groups (seeded with putLogEvents'
   * `account`) can be queried by ARN (logGroupIdentifiers), and `SOURCE logGroups(…)` selects them
   * too. None: a plain account, which sees its own groups only.
   */
  linkedAccounts: string[];
}

export interface AwsTestServer {
  /** `http://127.0.0.1:<port>`: give it to the SDK as `endpoint` or `AWS_ENDPOINT_URL`. */
  url: string;
  close(): Promise<void>;
  /** Store X-Ray segment documents (objects, as an SDK would serialize them). */
  putSegments(documents: object[]): void;
  /**
   * Store Transaction Search span records (OTel span JSON objects) in the `aws/spans` log group,
   * each as one log event at its span's start.
   */
  putSpans(records: object[]): void;
  /**
   * Store log events; the group (of `logGroupClass`, STANDARD by default, in `account`, the
   * server's own ACCOUNT_ID by default) and the stream are created when missing. A group of
   * another account is visible only when that account is linked (ServerSettings.linkedAccounts).
   */
  putLogEvents(
    logGroup: string,
    logStream: string,
    events: { timestamp: number; message: string }[],
    logGroupClass?: "STANDARD" | "INFREQUENT_ACCESS" | "DELIVERY",
    account?: string,
  ): void;
  inject(op: string, fault: Fault): void;
  clearFaults(): void;
  /** Drop every segment and every log group: X-Ray retention and log-group expiry, at once. S3 buckets are kept. */
  clearData(): void;
  /** An empty S3 bucket (nothing when it exists); S3 requests to any other bucket answer NoSuchBucket. */
  createBucket(name: string): void;
  /** An S3 object as stored (body, metadata, encryption), or undefined. */
  s3Object(bucket: string, key: string): S3Object | undefined;
  /** Every request received, in arrival order. */
  calls: RecordedCall[];
  configure(settings: Partial<ServerSettings>): void;
}

export const DEFAULT_SETTINGS: ServerSettings = {
  latencyMs: {},
  queryRunMs: 0,
  maxConcurrentQueries: 30,
  transactionSearch: false,
  fieldIndexes: true,
  rateLimits: {},
  linkedAccounts: [],
};

/** The account every answer names (ARNs, `@log`, access-denied messages). */
export const ACCOUNT_ID = "123456789012";
export const REGION = "us-east-1";
