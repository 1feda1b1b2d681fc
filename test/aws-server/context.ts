/**
 * The state the operation handlers share: the stores, the faults, the settings and the clock.
 */
import type { FaultBook } from "./faults";
import type { LogStore } from "./logs/log-store";
import type { QueryRegistry } from "./logs/query-registry";
import type { S3Store } from "./s3/s3-store";
import type { ServerSettings } from "./types";
import type { SegmentStore } from "./xray/segment-store";

interface TraceRetrieval {
  traceIds: string[];
  startedAt: number;
  cancelled: boolean;
}

export interface ServerContext {
  segments: SegmentStore;
  logs: LogStore;
  queries: QueryRegistry;
  faults: FaultBook;
  settings: ServerSettings;
  retrievals: Map<string, TraceRetrieval>;
  s3: S3Store;
  now(): number;
}

/** An operation: the parsed JSON body in, the result object out; throws AwsError. */
export type Handler = (ctx: ServerContext, input: unknown) => unknown;
