import { describe, expect, it } from "vitest";
import { buildServiceGraph } from "../../analysis/service-graph";
import { nanosToMs, spanRecordsToTrace } from "./spans-convert";

const TRACE = "675a1b2c9f0e4d3c8b7a6f5e4d3c2b1a";
const XRAY = "1-675a1b2c-9f0e4d3c8b7a6f5e4d3c2b1a";
/** 2024-12-11T23:15:24.123456789Z */
const T0 = 1733958924123456789n;
const at = (offsetNs: bigint) => (T0 + offsetNs).toString();

/**
 * A checkout request as Transaction Search stores it (the ADOT Java agent on ECS, a Lambda
 * function behind it): resource and span attributes as flat maps, kinds as names, times in ns.
 */
const CHECKOUT = [
  {
    resource: {
      attributes: {
        "aws.local.service": "checkout-api",
        "service.name": "checkout-api",
        "cloud.provider": "aws",
        "cloud.platform": "aws_ecs",
        "aws.ecs.cluster.arn": "arn:aws:ecs:us-east-1:123456789012:cluster/shop",
        "telemetry.sdk.language": "java",
      },
    },
    scope: { name: "io.opentelemetry.tomcat-10.0", version: "2.10.0-alpha" },
    traceId: TRACE,
    spanId: "a1b2c3d4e5f60718",
    flags: 256,
    name: "POST /checkout",
    kind: "SERVER",
    startTimeUnixNano: at(0n),
    endTimeUnixNano: at(412_345_678n),
    durationNano: 412345678,
    attributes: {
      "aws.local.operation": "POST /checkout",
      "aws.span.kind": "LOCAL_ROOT",
      "http.request.method": "POST",
      "http.route": "/checkout",
      "http.response.status_code": 502,
    },
    status: { code: "UNSET" },
  },
  {
    resource: { attributes: { "service.name": "checkout-api", "cloud.platform": "aws_ecs" } },
    traceId: TRACE,
    spanId: "b2c3d4e5f6071829",
    parentSpanId: "a1b2c3d4e5f60718",
    name: "DynamoDB.PutItem",
    kind: "CLIENT",
    startTimeUnixNano: at(5_000_000n),
    endTimeUnixNano: at(25_500_000n),
    attributes: {
      "rpc.system": "aws-api",
      "rpc.service": "DynamoDB",
      "rpc.method": "PutItem",
      "aws.remote.service": "AWS::DynamoDB",
      "aws.dynamodb.table_names": ["orders"],
      "http.response.status_code": 200,
    },
    status: { code: "UNSET" },
  },
  {
    resource: { attributes: { "service.name": "payments", "cloud.platform": "aws_lambda", "faas.name": "payments" } },
    traceId: TRACE,
    spanId: "c3d4e5f60718293a",
    parentSpanId: "a1b2c3d4e5f60718",
    name: "payments",
    kind: "SERVER",
    startTimeUnixNano: at(30_000_000n),
    endTimeUnixNano: at(400_000_000n),
    attributes: { "faas.coldstart": true, "faas.invocation_id": "3f6f0d2c-1b7e-4c55-9d1a-0c2f4b8e7a61" },
    status: { code: "ERROR", message: "card declined upstream" },
    events: [
      {
        name: "exception",
        timeUnixNano: at(399_000_000n),
        attributes: { "exception.type": "java.net.SocketTimeoutException", "exception.message": "Read timed out" },
      },
    ],
  },
];

/**
 * Modeled on the sample model-invocation span of the Amazon Bedrock AgentCore observability
 * documentation ("sample model invocation span (aws/spans)"): its resource, IDs, name, duration
 * and attributes; the times the sample leaves out are added.
 */
const AGENTCORE_SAMPLE = {
  resource: {
    attributes: {
      "deployment.environment.name": "bedrock-agentcore:default",
      "service.name": "MyAgent.DEFAULT",
      "cloud.platform": "aws_bedrock_agentcore",
      "telemetry.sdk.version": "1.40.0",
    },
  },
  traceId: "a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6",
  spanId: "1a2b3c4d5e6f7a8b",
  parentSpanId: "9c8d7e6f5a4b3c2d",
  name: "chat us.anthropic.claude-sonnet-4-6",
  startTimeUnixNano: 1760000000000000000,
  durationNano: 2644916837,
  attributes: {
    "gen_ai.request.model": "us.anthropic.claude-sonnet-4-6",
    "gen_ai.usage.input_tokens": 1980,
    "gen_ai.usage.output_tokens": 119,
    "gen_ai.response.finish_reasons": ["tool_use"],
    "http.response.status_code": 200,
    "session.id": "session-a1b2c3d4-e5f6-7890",
  },
};

describe("spanRecordsToTrace", () => {
  it("converts a Transaction Search trace: parents, services, kinds, statuses, origins, events", () => {
    const { trace, warnings } = spanRecordsToTrace(
      TRACE,
      XRAY,
      CHECKOUT.map((r) => JSON.stringify(r)),
    );
    expect(warnings).toEqual([]);
    expect(trace).not.toBeNull();
    expect(trace!.store).toBe("aws/spans");
    expect(trace!.services).toEqual(["checkout-api", "payments"]);
    expect(trace!.spans.map((s) => [s.spanId, s.parentSpanId, s.service, s.kind, s.status, s.httpStatus, s.origin])).toEqual([
      ["a1b2c3d4e5f60718", null, "checkout-api", "server", "fault", 502, "AWS::ECS::Container"],
      ["b2c3d4e5f6071829", "a1b2c3d4e5f60718", "checkout-api", "client", "ok", 200, "AWS::ECS::Container"],
      ["c3d4e5f60718293a", "a1b2c3d4e5f60718", "payments", "server", "fault", null, "AWS::Lambda::Function"],
    ]);
    const [root, dynamo, lambda] = trace!.spans;
    // Times to the microsecond, from the nanosecond strings.
    expect(root.startTime).toBe(1733958924123.457);
    expect(root.endTime).toBe(1733958924535.802);
    expect(root.durationMs).toBe(412.345);
    expect(trace!.durationMs).toBe(412.345);
    expect(dynamo.attributes["aws.dynamodb.table_names"]).toEqual(["orders"]);
    expect(lambda.statusMessage).toBe("card declined upstream");
    expect(lambda.attributes["faas.coldstart"]).toBe(true);
    expect(lambda.resource["faas.name"]).toBe("payments");
    expect(lambda.events).toEqual([
      {
        name: "exception",
        timestamp: 1733958924522.457,
        attributes: { "exception.type": "java.net.SocketTimeoutException", "exception.message": "Read timed out" },
      },
    ]);
    // The service map sees the call from checkout-api to payments.
    const graph = buildServiceGraph(trace!.spans);
    expect(graph.edges.map((e) => [e.source, e.target])).toContainEqual(["checkout-api", "payments"]);
  });

  it("reads the AgentCore documentation's sample span: end from durationNano, service from the resource", () => {
    const hex = AGENTCORE_SAMPLE.traceId;
    const { trace } = spanRecordsToTrace(hex, `1-${hex.slice(0, 8)}-${hex.slice(8)}`, [AGENTCORE_SAMPLE]);
    const [span] = trace!.spans;
    expect(span.service).toBe("MyAgent.DEFAULT");
    expect(span.parentSpanId).toBe("9c8d7e6f5a4b3c2d"); // an orphan here: its parent is not among the records
    expect(span.kind).toBe("internal");
    expect(span.durationMs).toBe(2644.917);
    expect(span.httpStatus).toBe(200);
    expect(span.status).toBe("ok");
    expect(span.attributes["gen_ai.usage.input_tokens"]).toBe(1980);
  });

  it("reads the OTLP/JSON spellings: kind names and numbers, key/value attribute lists, status code 2, a throttling error", () => {
    const records = [
      {
        traceId: TRACE.toUpperCase(),
        spanId: "D4E5F60718293A4B",
        parentSpanId: "",
        name: "GET /",
        kind: 2,
        startTimeUnixNano: "1733958924000000000",
        endTimeUnixNano: "1733958924001000000",
        resource: { attributes: [{ key: "service.name", value: { stringValue: "edge" } }] },
        attributes: [
          { key: "http.response.status_code", value: { intValue: "429" } },
          { key: "tags", value: { arrayValue: { values: [{ stringValue: "a" }, { boolValue: true }] } } },
        ],
      },
      {
        traceId: TRACE,
        spanId: "e5f60718293a4b5c",
        parentSpanId: "d4e5f60718293a4b",
        name: "SQS.SendMessage",
        kind: "SPAN_KIND_PRODUCER",
        startTimeUnixNano: 1733958924000500000,
        endTimeUnixNano: 1733958924000900000,
        resource: { attributes: { "service.name": "edge" } },
        attributes: { "error.type": "ThrottlingException", "http.response.status_code": 400 },
        status: { code: "STATUS_CODE_ERROR" },
      },
      {
        traceId: TRACE,
        spanId: "f60718293a4b5c6d",
        parentSpanId: "d4e5f60718293a4b",
        name: "compute",
        kind: 1,
        startTimeUnixNano: 1733958924000100000,
        endTimeUnixNano: 1733958924000200000,
        resource: { attributes: { "service.name": "unknown_service:java", "aws.local.service": "edge-worker" } },
        status: { code: 2 },
      },
    ];
    const { trace } = spanRecordsToTrace(TRACE, XRAY, records);
    expect(trace!.spans.map((s) => [s.spanId, s.parentSpanId, s.service, s.kind, s.status, s.httpStatus])).toEqual([
      ["d4e5f60718293a4b", null, "edge", "server", "throttle", 429],
      ["f60718293a4b5c6d", "d4e5f60718293a4b", "edge-worker", "internal", "fault", null],
      ["e5f60718293a4b5c", "d4e5f60718293a4b", "edge", "producer", "throttle", 400],
    ]);
    expect(trace!.spans[0].attributes.tags).toEqual(["a", true]);
  });

  it("skips what is not a span of the trace, keeps a span delivered twice once, and is null without spans", () => {
    const other = { ...CHECKOUT[1], traceId: "0123456789abcdef0123456789abcdef" };
    const noStart = { ...CHECKOUT[2], startTimeUnixNano: undefined };
    const { trace, warnings } = spanRecordsToTrace(TRACE, XRAY, ["{not json", other, noStart, CHECKOUT[0], CHECKOUT[0]]);
    expect(trace!.spans.map((s) => s.spanId)).toEqual(["a1b2c3d4e5f60718"]);
    expect(warnings).toEqual([
      "record 0: not JSON, skipped",
      `record 1: traceId "0123456789abcdef0123456789abcdef" is not ${TRACE}, skipped`,
      "record 2: span c3d4e5f60718293a: no startTimeUnixNano, skipped",
    ]);
    expect(spanRecordsToTrace(TRACE, XRAY, [other]).trace).toBeNull();
  });
});

describe("nanosToMs", () => {
  it("keeps microseconds, from strings exactly and from numbers as far as a double goes", () => {
    expect(nanosToMs("1733958924123456789")).toBe(1733958924123.457);
    expect(nanosToMs("1733958924123456499")).toBe(1733958924123.456);
    expect(nanosToMs(Number("1733958924123456789"))).toBe(1733958924123.457);
    expect(nanosToMs("-5")).toBeNull();
    expect(nanosToMs("1.5e18")).toBeNull();
    expect(nanosToMs(undefined)).toBeNull();
  });
});
