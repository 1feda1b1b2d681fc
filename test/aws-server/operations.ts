/**
 * Which operation a request is, as the SDK's serializers address them:
 * - X-Ray (restJson1): `POST /<path>` (BatchGetTraces is `POST /Traces`, GetTraceSummaries
 *   `POST /TraceSummaries`, PutTraceSegments `POST /TraceSegments`, …);
 * - CloudWatch Logs (awsJson1_1): `POST /` with `X-Amz-Target: Logs_20140328.<Operation>`;
 * - S3 (restXml, path-style): every request that is not a POST (s3/s3-routes.ts).
 */
import type { IncomingMessage } from "node:http";
import type { Protocol } from "./aws-error";
import type { Handler } from "./context";
import type { Service } from "./fault-errors";
import { createLogGroup, createLogStream, describeLogGroups, describeLogStreams, putLogEvents } from "./logs/ingest-handlers";
import { describeQueries, getQueryResults, startQuery, stopQuery } from "./logs/query-handlers";
import type { S3Handler } from "./s3/s3-handlers";
import { isS3Request, type S3Address, s3AddressOf } from "./s3/s3-routes";
import { getServiceGraph, getTimeSeriesServiceStatistics, getTraceGraph } from "./xray/graph-handlers";
import { cancelTraceRetrieval, getTraceSegmentDestination, listRetrievedTraces, startTraceRetrieval } from "./xray/retrieval-handlers";
import { batchGetTraces, getTraceSummaries, putTraceSegments } from "./xray/trace-handlers";

interface Operation {
  op: string;
  handler: Handler;
}

const XRAY_PATHS: Record<string, Operation> = {
  "/Traces": { op: "BatchGetTraces", handler: batchGetTraces },
  "/TraceSummaries": { op: "GetTraceSummaries", handler: getTraceSummaries },
  "/TraceSegments": { op: "PutTraceSegments", handler: putTraceSegments },
  "/ServiceGraph": { op: "GetServiceGraph", handler: getServiceGraph },
  "/TraceGraph": { op: "GetTraceGraph", handler: getTraceGraph },
  "/TimeSeriesServiceStatistics": { op: "GetTimeSeriesServiceStatistics", handler: getTimeSeriesServiceStatistics },
  "/GetTraceSegmentDestination": { op: "GetTraceSegmentDestination", handler: getTraceSegmentDestination },
  "/StartTraceRetrieval": { op: "StartTraceRetrieval", handler: startTraceRetrieval },
  "/ListRetrievedTraces": { op: "ListRetrievedTraces", handler: listRetrievedTraces },
  "/CancelTraceRetrieval": { op: "CancelTraceRetrieval", handler: cancelTraceRetrieval },
};

const LOGS_OPERATIONS: Record<string, Handler> = {
  StartQuery: startQuery,
  GetQueryResults: getQueryResults,
  StopQuery: stopQuery,
  DescribeQueries: describeQueries,
  CreateLogGroup: createLogGroup,
  CreateLogStream: createLogStream,
  PutLogEvents: putLogEvents,
  DescribeLogGroups: describeLogGroups,
  DescribeLogStreams: describeLogStreams,
};

const LOGS_TARGET_PREFIX = "Logs_20140328.";

interface JsonRoute {
  service: Exclude<Service, "s3">;
  protocol: Exclude<Protocol, "rest-xml">;
  /** The operation name ("Unknown" when the request names none the server knows). */
  op: string;
  handler: Handler | null;
}

interface S3Route {
  service: "s3";
  protocol: "rest-xml";
  op: string;
  handler: S3Handler | null;
  address: S3Address;
}

export type Route = JsonRoute | S3Route;

export function routeOf(req: IncomingMessage): Route {
  if (isS3Request(req)) {
    const address = s3AddressOf(req);
    return { service: "s3", protocol: "rest-xml", op: address.op, handler: address.handler, address };
  }
  const target = req.headers["x-amz-target"];
  const path = (req.url ?? "/").split("?")[0];
  if (typeof target === "string") {
    const op = target.startsWith(LOGS_TARGET_PREFIX) ? target.slice(LOGS_TARGET_PREFIX.length) : target;
    const handler = target.startsWith(LOGS_TARGET_PREFIX) && req.method === "POST" && path === "/" ? LOGS_OPERATIONS[op] : undefined;
    return { service: "logs", protocol: "json1.1", op: handler ? op : "Unknown", handler: handler ?? null };
  }
  const xray = req.method === "POST" ? XRAY_PATHS[path] : undefined;
  return { service: "xray", protocol: "rest-json", op: xray?.op ?? "Unknown", handler: xray?.handler ?? null };
}
