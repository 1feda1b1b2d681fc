/**
 * Seeds the AWS test server (bench:aws) over its control API with the known trace of the
 * trace-page journeys (e2e/support/known-trace.ts): its spans as X-Ray segments (toSegments, as
 * the e2e seeding does), except that audit-svc is a Lambda function, so the trace names a log
 * group of its own (`/aws/lambda/audit-svc`) as real traces do; its log lines as JSON, in
 * `/sightline-bench/<service>`, and audit-svc's in its Lambda group.
 */
import { buildKnownTrace, type KnownTrace } from "../e2e/support/known-trace";
import { seedInAws } from "../e2e/support/xray-seed";

const BENCH_LOG_GROUP_PREFIX = "/sightline-bench/";
const LAMBDA_SERVICE = "audit-svc";
/** Covers every group the seeded logs are in, and the group the trace names itself. */
export const BENCH_LOG_GROUPS = `${BENCH_LOG_GROUP_PREFIX}*,/aws/lambda/*`;

const logGroupOf = (service: string) => (service === LAMBDA_SERVICE ? `/aws/lambda/${service}` : `${BENCH_LOG_GROUP_PREFIX}${service}`);

function asLambda(document: object): object {
  const name = (document as { name?: unknown }).name;
  if (name !== LAMBDA_SERVICE) return document;
  return {
    ...document,
    origin: "AWS::Lambda::Function",
    resource_arn: `arn:aws:lambda:us-east-1:123456789012:function:${LAMBDA_SERVICE}`,
    aws: { function_arn: `arn:aws:lambda:us-east-1:123456789012:function:${LAMBDA_SERVICE}`, resource_names: [LAMBDA_SERVICE], account_id: "123456789012" },
  };
}

/** A fresh known trace (new IDs) starting at `start` (default 20 minutes ago), stored in the test server behind `control`. */
export async function seedKnownTrace(control: string, start?: number): Promise<KnownTrace> {
  const known = buildKnownTrace(start);
  await seedInAws(known.spans, known.logs, { control, logGroupOf, adjustSegment: asLambda });
  return known;
}
