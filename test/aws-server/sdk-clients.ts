/**
 * Test helpers: the real SDK clients pointed at a test server, and the AWS fixtures.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { CloudWatchLogsClient } from "@aws-sdk/client-cloudwatch-logs";
import { S3Client } from "@aws-sdk/client-s3";
import { XRayClient } from "@aws-sdk/client-xray";
import type { AwsTestServer } from "./index";

export interface ClientOptions {
  maxAttempts?: number;
  requestTimeoutMs?: number;
}

function config(server: AwsTestServer, options: ClientOptions) {
  return {
    endpoint: server.url,
    region: "us-east-1",
    credentials: { accessKeyId: "AKIDTESTSERVER", secretAccessKey: "test-secret" },
    maxAttempts: options.maxAttempts ?? 1,
    // Without throwOnRequestTimeout, SDK 3.11xx only logs a warning when requestTimeout passes and keeps waiting.
    ...(options.requestTimeoutMs !== undefined ? { requestHandler: { requestTimeout: options.requestTimeoutMs, throwOnRequestTimeout: true } } : {}),
  };
}

export function xrayClient(server: AwsTestServer, options: ClientOptions = {}): XRayClient {
  return new XRayClient(config(server, options));
}

export function logsClient(server: AwsTestServer, options: ClientOptions = {}): CloudWatchLogsClient {
  return new CloudWatchLogsClient(config(server, options));
}

/** Path-style (`/<bucket>/<key>`), as every S3 client must be against an endpoint without bucket subdomains. */
export function s3Client(server: AwsTestServer, options: ClientOptions = {}): S3Client {
  return new S3Client({ ...config(server, options), forcePathStyle: true });
}

const FIXTURES = path.resolve(import.meta.dirname, "../fixtures/aws");

export function fixtureText(name: string): string {
  return readFileSync(path.join(FIXTURES, name), "utf8");
}

/** The segment documents (parsed) of a BatchGetTraces fixture. */
export function fixtureSegments(name: string): object[] {
  const parsed: unknown = JSON.parse(fixtureText(name));
  const docs: object[] = [];
  if (typeof parsed !== "object" || parsed === null || !("Traces" in parsed) || !Array.isArray(parsed.Traces)) {
    throw new Error(`${name}: not a BatchGetTraces answer`);
  }
  for (const trace of parsed.Traces as unknown[]) {
    if (typeof trace !== "object" || trace === null || !("Segments" in trace) || !Array.isArray(trace.Segments)) continue;
    for (const segment of trace.Segments as unknown[]) {
      if (typeof segment === "object" && segment !== null && "Document" in segment && typeof segment.Document === "string") {
        const doc: unknown = JSON.parse(segment.Document);
        if (typeof doc === "object" && doc !== null) docs.push(doc);
      }
    }
  }
  return docs;
}

export const SCOREKEEP_LAMBDA = "xray-batch-get-traces-scorekeep-lambda-sns.json";
export const SCOREKEEP_DYNAMODB = "xray-batch-get-traces-scorekeep-dynamodb.json";
export const LAMBDA_TRACE_ID = "1-59602603-23fc5b688855d396af79b496";
export const DYNAMODB_TRACE_ID = "1-5d82881a-0a9126e92a73e971eed891b9";
