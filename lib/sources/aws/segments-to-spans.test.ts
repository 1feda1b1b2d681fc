import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { buildServiceGraph } from "../../analysis/service-graph";
import type { Span } from "../../model";
import { segmentsToTrace } from "./segments-to-spans";

interface BatchGetTraces {
  Traces: { Id: string; Segments: { Id: string; Document: string }[] }[];
}

function fixtureTrace(name: string) {
  const file = path.resolve(__dirname, "../../../test/fixtures/aws", name);
  const answer = JSON.parse(readFileSync(file, "utf8")) as BatchGetTraces;
  const [trace] = answer.Traces;
  return segmentsToTrace(
    trace.Id,
    trace.Segments.map((s) => s.Document),
  );
}

const row = (s: Span) => [s.spanId, s.parentSpanId, s.service, s.name, s.kind, s.origin, s.status, s.httpStatus];
const byId = (spans: Span[], id: string) => {
  const span = spans.find((s) => s.spanId === id);
  if (!span) throw new Error(`no span ${id}`);
  return span;
};

const TRACE = "1-5f3a3e12-89b4a5c6d7e8f90123456789";
const T0 = 1597652498; // 0x5f3a3e12, the epoch second in TRACE

/** A minimal valid segment document; `extra` overrides or adds fields. */
function segment(id: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { id, name: "svc", start_time: T0 + 0.1, end_time: T0 + 0.2, trace_id: TRACE, ...extra };
}

describe("segmentsToTrace on the Scorekeep → DynamoDB BatchGetTraces answer", () => {
  const { trace, warnings } = fixtureTrace("xray-batch-get-traces-scorekeep-dynamodb.json");

  it("builds the trace header", () => {
    expect(warnings).toEqual([]);
    expect(trace).toMatchObject({
      traceId: "5d82881a0a9126e92a73e971eed891b9",
      xrayTraceId: "1-5d82881a-0a9126e92a73e971eed891b9",
      startTime: 1568835610432,
      endTime: 1568835610664,
      durationMs: 232,
      services: ["Scorekeep", "DynamoDB"],
    });
  });

  it("keeps the DynamoDB call as a client subsegment with the inferred segment as its child", () => {
    expect(trace.spans.map(row)).toEqual([
      ["54aff5735b12dd28", null, "Scorekeep", "POST /api/user", "server", "AWS::ElasticBeanstalk::Environment", "ok", 200],
      ["2d6900034ccfe558", "54aff5735b12dd28", "Scorekeep", "DynamoDB", "client", "AWS::ElasticBeanstalk::Environment", "ok", 200],
      ["0f278b6334c34e6b", "2d6900034ccfe558", "DynamoDB", "DynamoDB", "server", "AWS::DynamoDB::Table", "ok", 200],
    ]);
  });

  it("flattens http and aws into attributes, and the process into the resource", () => {
    const [root, call, inferred] = trace.spans;
    expect(root.attributes).toEqual({
      "http.request.method": "POST",
      "url.full": "http://scorekeep-env-1.m4fg2pfzpv.us-east-2.elasticbeanstalk.com/api/user",
      "user_agent.original": "curl/7.59.0",
      "client.address": "52.95.4.28",
      "http.request.x_forwarded_for": true,
      "http.response.status_code": 200,
    });
    expect(root.resource).toEqual({
      "service.name": "Scorekeep",
      "cloud.provider": "aws",
      "cloud.platform": "aws_elastic_beanstalk",
      "cloud.availability_zone": "us-east-2b",
      "host.id": "i-0e3cf4d2de0f3f37a",
      "service.version": "Sample Application-1",
      "service.instance.id": "3",
      "service.namespace": "Scorekeep-env-1",
      "telemetry.sdk.name": "X-Ray for Java",
      "telemetry.sdk.version": "1.1.0",
      "process.runtime.name": "OpenJDK 64-Bit Server VM",
      "process.runtime.version": "1.8.0_222",
    });
    expect(call.attributes).toEqual({
      "xray.namespace": "aws",
      "http.response.status_code": 200,
      "http.response.body.size": 61,
      "aws.operation": "UpdateItem",
      "aws.request_id": "TPEIDNDUROMLPOV17U4A79555NVV4KQNSO5AEMVJF66Q9ASUAAJG",
      "aws.resource_names": ["scorekeep-user"],
      "aws.dynamodb.table_names": ["scorekeep-user"],
    });
    expect(call.resource).toBe(root.resource);
    expect(inferred.attributes["xray.inferred"]).toBe(true);
    expect(inferred.resource).toEqual({ "service.name": "DynamoDB", "cloud.provider": "aws" });
    expect(call.durationMs).toBe(6);
  });
});

describe("segmentsToTrace on the Scorekeep → Lambda → SNS BatchGetTraces answer", () => {
  const { trace, warnings } = fixtureTrace("xray-batch-get-traces-scorekeep-lambda-sns.json");

  it("builds the exact span tree, sorted by start time", () => {
    expect(warnings).toEqual([]);
    const scorekeep = "AWS::ElasticBeanstalk::Environment";
    const fn = "AWS::Lambda::Function";
    expect(trace.spans.map(row)).toEqual([
      ["194fcc8747581230", null, "Scorekeep", "POST /api/user", "server", scorekeep, "ok", 200],
      ["0c544c1b1bbff948", "194fcc8747581230", "Scorekeep", "Lambda", "client", scorekeep, "ok", 200],
      ["1fb07842d944e714", "0c544c1b1bbff948", "random-name", "random-name", "server", "AWS::Lambda", "ok", 200],
      ["2279c0030c955e52", "00f91aa01f4984fd", "random-name", "Initialization", "internal", fn, "ok", null],
      ["00f91aa01f4984fd", "1fb07842d944e714", "random-name", "random-name", "server", fn, "ok", null],
      ["e6d2fe619f827804", "00f91aa01f4984fd", "random-name", "annotations", "internal", fn, "ok", null],
      ["b29b548af4d54a0f", "00f91aa01f4984fd", "random-name", "SNS", "client", fn, "ok", 200],
      ["1ee3c4a523f89ca5", "b29b548af4d54a0f", "SNS", "SNS", "server", "AWS::SNS", "ok", 200],
      ["071684f2e555e571", "194fcc8747581230", "Scorekeep", "## UserModel.saveUser", "internal", scorekeep, "ok", null],
      ["4cd3f10b76c624b4", "071684f2e555e571", "Scorekeep", "DynamoDB", "client", scorekeep, "ok", 200],
      ["17ba309b32c7fbaf", "4cd3f10b76c624b4", "DynamoDB", "DynamoDB", "server", "AWS::DynamoDB::Table", "ok", 200],
    ]);
    expect(trace).toMatchObject({
      traceId: "5960260323fc5b688855d396af79b496",
      startTime: 1499473411562,
      endTime: 1499473414794,
      durationMs: 3232,
      services: ["Scorekeep", "random-name", "SNS", "DynamoDB"],
    });
  });

  it("marks the cold start on the function segment and its Initialization subsegment only", () => {
    const cold = trace.spans.filter((s) => s.attributes["faas.coldstart"] === true).map((s) => s.spanId);
    expect(cold).toEqual(["2279c0030c955e52", "00f91aa01f4984fd"]);
  });

  it("reads the Lambda function's resource from its ARN", () => {
    expect(byId(trace.spans, "00f91aa01f4984fd").resource).toEqual({
      "service.name": "random-name",
      "cloud.provider": "aws",
      "cloud.platform": "aws_lambda",
      "cloud.account.id": "123456789012",
      "cloud.resource_id": "arn:aws:lambda:us-west-2:123456789012:function:random-name",
      "cloud.region": "us-west-2",
      "faas.name": "random-name",
    });
    expect(byId(trace.spans, "1fb07842d944e714").resource["faas.name"]).toBe("random-name");
  });

  it("keeps annotations, metadata and the user", () => {
    expect(byId(trace.spans, "e6d2fe619f827804").attributes).toEqual({ "annotation.UserID": "5M388M1E", "annotation.Name": "Ola" });
    expect(byId(trace.spans, "071684f2e555e571").attributes).toEqual({
      "metadata.debug.test": "Metadata string from UserModel.saveUser",
    });
    expect(byId(trace.spans, "194fcc8747581230").attributes["enduser.id"]).toBe("5M388M1E");
  });

  it("draws X-Ray's service map: inferred DynamoDB and SNS nodes, no duplicated calls", () => {
    const graph = buildServiceGraph(trace.spans);
    expect(graph.nodes.map((n) => [n.name, n.type, n.stats.requests])).toEqual([
      ["client", "client", 0],
      ["DynamoDB", "database", 1],
      ["random-name", "lambda", 1],
      ["Scorekeep", "compute", 1],
      ["SNS", "topic", 1],
    ]);
    expect(graph.edges.map((e) => [e.source, e.target, e.stats.requests, e.stats.avgMs])).toEqual([
      ["client", "Scorekeep", 1, 3232],
      ["random-name", "SNS", 1, 959],
      ["Scorekeep", "DynamoDB", 1, 79],
      ["Scorekeep", "random-name", 1, 2943],
    ]);
  });
});

describe("segmentsToTrace status (X-Ray semantics)", () => {
  it.each([
    [{ throttle: true, error: true }, "throttle"],
    [{ fault: true }, "fault"],
    [{ error: true }, "error"],
    [{ http: { response: { status: 429 } } }, "throttle"],
    [{ http: { response: { status: 503 } } }, "fault"],
    [{ http: { response: { status: 404 } } }, "error"],
    [{ http: { response: { status: 201 } } }, "ok"],
    [{ error: true, http: { response: { status: 200 } } }, "error"],
    [{ fault: true, http: { response: { status: 429 } } }, "fault"],
  ])("reads %j as %s", (fields, status) => {
    const { trace } = segmentsToTrace(TRACE, [segment("1000000000000001", fields)]);
    expect(trace.spans[0].status).toBe(status);
  });

  it("takes httpStatus from http.response.status and ignores non-statuses", () => {
    const { trace } = segmentsToTrace(TRACE, [
      segment("1000000000000001", { http: { response: { status: 502 } } }),
      segment("1000000000000002", { http: { response: { status: "502" } } }),
      segment("1000000000000003", { http: { response: { status: 42 } } }),
    ]);
    expect(trace.spans.map((s) => s.httpStatus)).toEqual([502, null, null]);
  });
});

describe("segmentsToTrace exceptions", () => {
  const cause = {
    working_directory: "/var/task",
    exceptions: [
      {
        id: "e1a2b3c4d5e6f708",
        type: "AmazonDynamoDBException",
        message: "Requested resource not found",
        remote: true,
        truncated: 12,
        skipped: 2,
        cause: "0f0e0d0c0b0a0908",
        stack: [{ path: "AmazonHttpClient.java", line: 1640, label: "handleErrorResponse" }, { path: "UserModel.java", label: "saveUser" }, { label: "run" }],
      },
      { id: "0f0e0d0c0b0a0908", type: "IOException" },
    ],
  };

  it("turns cause.exceptions into exception events at the span's end, and sets statusMessage", () => {
    const { trace } = segmentsToTrace(TRACE, [segment("1000000000000001", { fault: true, cause })]);
    const [span] = trace.spans;
    expect(span.statusMessage).toBe("Requested resource not found");
    expect(span.events).toEqual([
      {
        name: "exception",
        timestamp: span.endTime,
        attributes: {
          "exception.type": "AmazonDynamoDBException",
          "exception.message": "Requested resource not found",
          "exception.stacktrace": "at handleErrorResponse (AmazonHttpClient.java:1640)\nat saveUser (UserModel.java)\nat run\n... 12 more",
          "xray.exception.id": "e1a2b3c4d5e6f708",
          "xray.exception.cause": "0f0e0d0c0b0a0908",
          "xray.exception.remote": true,
          "xray.exception.skipped": 2,
          "xray.exception.truncated": 12,
          "xray.cause.working_directory": "/var/task",
        },
      },
      {
        name: "exception",
        timestamp: span.endTime,
        attributes: { "exception.type": "IOException", "xray.exception.id": "0f0e0d0c0b0a0908", "xray.cause.working_directory": "/var/task" },
      },
    ]);
  });

  it("falls back to cause.message, and keeps a cause that only names a child's exception", () => {
    const { trace } = segmentsToTrace(TRACE, [
      segment("1000000000000001", { error: true, cause: { message: "bad input" } }),
      segment("1000000000000002", { fault: true, cause: "e1a2b3c4d5e6f708" }),
    ]);
    expect(trace.spans[0].statusMessage).toBe("bad input");
    expect(trace.spans[0].events).toEqual([]);
    expect(trace.spans[1].statusMessage).toBeNull();
    expect(trace.spans[1].attributes["xray.cause.exception_id"]).toBe("e1a2b3c4d5e6f708");
  });
});

describe("segmentsToTrace spans without events or links", () => {
  it("share one empty list of each, which cannot be added to", () => {
    const { trace } = segmentsToTrace(TRACE, [
      segment("1000000000000001", { subsegments: [{ id: "1000000000000002", name: "child", start_time: T0 + 0.1, end_time: T0 + 0.2 }] }),
    ]);
    const [a, b] = trace.spans;
    expect(a.events).toEqual([]);
    expect(b.links).toEqual([]);
    expect(() => a.events.push({ name: "exception", timestamp: 0, attributes: {} })).toThrow(TypeError);
    expect(() => b.links.push({ traceId: "0".repeat(32), spanId: "0".repeat(16), attributes: {} })).toThrow(TypeError);
    expect([a.events.length, b.events.length, a.links.length, b.links.length]).toEqual([0, 0, 0, 0]);
  });
});

describe("segmentsToTrace in-progress segments", () => {
  it("ends an entry without end_time at the trace's end and marks it", () => {
    const { trace, warnings } = segmentsToTrace(TRACE, [
      segment("1000000000000001", { end_time: undefined, in_progress: true }),
      segment("1000000000000002", { start_time: T0 + 0.15, end_time: T0 + 0.9 }),
    ]);
    const open = byId(trace.spans, "1000000000000001");
    expect(open.attributes["xray.in_progress"]).toBe(true);
    expect(open.endTime).toBe(trace.endTime);
    expect(open.endTime).toBe(T0 * 1000 + 900);
    expect(open.durationMs).toBe(800);
    expect(warnings).toEqual([]);
  });

  it("warns when end_time is missing without in_progress, and repairs end before start", () => {
    const { trace, warnings } = segmentsToTrace(TRACE, [segment("1000000000000001", { end_time: undefined }), segment("1000000000000002", { end_time: T0 })]);
    expect(trace.spans.map((s) => s.durationMs)).toEqual([0, 0]);
    expect(warnings).toEqual(["document 0: no end_time and not in_progress; ends with the trace", "document 1: end_time before start_time; made zero-length"]);
  });
});

describe("segmentsToTrace links, orphans and precision", () => {
  it("converts X-Ray links to W3C trace IDs and reports malformed ones", () => {
    const { trace, warnings } = segmentsToTrace(TRACE, [
      segment("1000000000000001", {
        links: [
          { trace_id: "1-5f3a3e12-aaaaaaaaaaaaaaaaaaaaaaaa", id: "ABCDEF0123456789", attributes: { "aws.xray.reserved.type": "link" } },
          { trace_id: "not-an-id", id: "abcdef0123456789" },
          "junk",
        ],
      }),
    ]);
    expect(trace.spans[0].links).toEqual([
      { traceId: "5f3a3e12aaaaaaaaaaaaaaaaaaaaaaaa", spanId: "abcdef0123456789", attributes: { "aws.xray.reserved.type": "link" } },
    ]);
    expect(warnings).toEqual([
      "document 0: links[1] skipped: a link needs a trace_id and a 16-hex-digit id",
      "document 0: links[2] skipped: a link needs a trace_id and a 16-hex-digit id",
    ]);
  });

  it("puts the calling subsegment before the inferred segment that starts with it, whatever the document order", () => {
    const { trace } = segmentsToTrace(TRACE, [
      segment("3000000000000001", { name: "DynamoDB", inferred: true, parent_id: "2000000000000001", origin: "AWS::DynamoDB::Table", start_time: T0 + 0.11 }),
      segment("1000000000000001", {
        subsegments: [{ id: "2000000000000001", name: "DynamoDB", namespace: "aws", start_time: T0 + 0.11, end_time: T0 + 0.2 }],
      }),
    ]);
    expect(trace.spans.map((s) => [s.spanId, s.kind, s.service])).toEqual([
      ["1000000000000001", "server", "svc"],
      ["2000000000000001", "client", "svc"],
      ["3000000000000001", "server", "DynamoDB"],
    ]);
  });

  it("keeps a segment whose parent is not in the trace as an orphan", () => {
    const { trace } = segmentsToTrace(TRACE, [segment("1000000000000001", { parent_id: "9999999999999999" })]);
    expect(trace.spans[0].parentSpanId).toBe("9999999999999999");
    expect(trace.spans[0].kind).toBe("server");
  });

  it("keeps sub-millisecond times and durations", () => {
    const { trace } = segmentsToTrace(TRACE, [segment("1000000000000001", { start_time: 1597652498.123456, end_time: 1597652498.123706 })]);
    expect(trace.spans[0].startTime).toBe(1597652498123.456);
    expect(trace.spans[0].durationMs).toBe(0.25);
  });

  it("accepts the Document strings as BatchGetTraces returns them, and any ID form", () => {
    const { trace } = segmentsToTrace("5F3A3E1289B4A5C6D7E8F90123456789", [JSON.stringify(segment("1000000000000001"))]);
    expect(trace.xrayTraceId).toBe(TRACE);
    expect(trace.spans).toHaveLength(1);
  });

  it("throws only for a trace ID that is not one", () => {
    expect(() => segmentsToTrace("nope", [])).toThrow(TypeError);
  });

  it("places an empty trace at the ID's epoch second", () => {
    const { trace } = segmentsToTrace(TRACE, []);
    expect(trace).toMatchObject({ startTime: T0 * 1000, endTime: T0 * 1000, durationMs: 0, spans: [], services: [] });
  });
});

describe("segmentsToTrace subsegment kinds and SQL", () => {
  it("makes aws and remote subsegments clients, others internal, and flattens sql", () => {
    const { trace } = segmentsToTrace(TRACE, [
      segment("1000000000000001", {
        subsegments: [
          {
            id: "2000000000000001",
            name: "ebdb@db.example.com",
            namespace: "remote",
            start_time: T0 + 0.11,
            end_time: T0 + 0.12,
            sql: {
              url: "jdbc:postgresql://db.example.com:5432/ebdb",
              database_type: "PostgreSQL",
              database_version: "9.5.4",
              user: "dbuser",
              sanitized_query: "SELECT * FROM users WHERE id = ?",
            },
          },
          { id: "2000000000000002", name: "work", start_time: T0 + 0.13, end_time: T0 + 0.14 },
        ],
      }),
    ]);
    const [, sql, work] = trace.spans;
    expect([sql.kind, work.kind]).toEqual(["client", "internal"]);
    expect(sql.service).toBe("svc");
    expect(sql.attributes).toEqual({
      "xray.namespace": "remote",
      "db.connection_string": "jdbc:postgresql://db.example.com:5432/ebdb",
      "db.system": "postgresql",
      "sql.database_version": "9.5.4",
      "db.user": "dbuser",
      "db.statement": "SELECT * FROM users WHERE id = ?",
      "server.address": "db.example.com",
      "server.port": 5432,
      "db.name": "ebdb",
    });
  });

  it("attaches an independently sent subsegment document to its segment's service", () => {
    const { trace } = segmentsToTrace(TRACE, [
      { type: "subsegment", id: "2000000000000001", name: "late", parent_id: "1000000000000001", start_time: T0 + 0.12, end_time: T0 + 0.13 },
      segment("1000000000000001", { origin: "AWS::EC2::Instance" }),
    ]);
    expect(trace.spans.map((s) => [s.spanId, s.parentSpanId, s.service, s.kind, s.origin])).toEqual([
      ["1000000000000001", null, "svc", "server", "AWS::EC2::Instance"],
      ["2000000000000001", "1000000000000001", "svc", "internal", "AWS::EC2::Instance"],
    ]);
  });
});

describe("segmentsToTrace resource", () => {
  it("keeps each segment's account on its spans when a trace crosses accounts (cross-account observability)", () => {
    const { trace } = segmentsToTrace(TRACE, [
      segment("1000000000000001", { name: "orders", aws: { account_id: "123456789012" } }),
      { type: "subsegment", id: "2000000000000001", name: "ledger", parent_id: "1000000000000001", start_time: T0 + 0.11, end_time: T0 + 0.19 },
      segment("3000000000000001", { name: "ledger", parent_id: "2000000000000001", start_time: T0 + 0.12, aws: { account_id: "111122223333" } }),
    ]);
    const account = (id: string) => byId(trace.spans, id).resource["cloud.account.id"];
    expect(account("1000000000000001")).toBe("123456789012");
    // The subsegment is the calling side, in the caller's account.
    expect(account("2000000000000001")).toBe("123456789012");
    expect(account("3000000000000001")).toBe("111122223333");
  });

  it("reads ECS, EC2, the X-Ray SDK, the log groups and the service block into the resource", () => {
    const { trace } = segmentsToTrace(TRACE, [
      segment("1000000000000001", {
        name: "orders",
        origin: "AWS::ECS::Container",
        aws: {
          account_id: "123456789012",
          ecs: { container: "ip-10-0-0-1", container_id: "3f2a", task_family: "orders" },
          ec2: { instance_id: "i-0abc", availability_zone: "eu-west-1a" },
          xray: { sdk: "opentelemetry for java", sdk_version: "1.32.0", auto_instrumentation: true },
          cloudwatch_logs: [{ log_group: "/ecs/orders", arn: "arn:aws:logs:eu-west-1:123456789012:log-group:/ecs/orders:*" }],
          operation: "PutItem",
        },
        service: { version: "2.4.1", compiler: "javac" },
      }),
    ]);
    const [span] = trace.spans;
    expect(span.resource).toEqual({
      "service.name": "orders",
      "cloud.provider": "aws",
      "cloud.platform": "aws_ecs",
      "cloud.account.id": "123456789012",
      "container.name": "ip-10-0-0-1",
      "container.id": "3f2a",
      "aws.ecs.task.family": "orders",
      "host.id": "i-0abc",
      "cloud.availability_zone": "eu-west-1a",
      "telemetry.sdk.name": "opentelemetry for java",
      "telemetry.sdk.version": "1.32.0",
      "aws.xray.auto_instrumentation": true,
      "aws.log.group.names": ["/ecs/orders"],
      "aws.log.group.arns": ["arn:aws:logs:eu-west-1:123456789012:log-group:/ecs/orders:*"],
      "service.version": "2.4.1",
      "service.compiler": "javac",
    });
    expect(span.attributes).toEqual({ "aws.operation": "PutItem" });
  });
});

describe("segmentsToTrace on Lambda function segments", () => {
  const fn = (id: string, subsegments: string[]) =>
    segment(id, {
      name: "checkout",
      origin: "AWS::Lambda::Function",
      subsegments: subsegments.map((name, i) => ({ id: `${id.slice(0, 15)}${i + 1}`, name, start_time: T0 + 0.11, end_time: T0 + 0.12 })),
    });

  it("keeps Initialization, Invocation and Overhead as internal spans and marks a cold start", () => {
    const { trace } = segmentsToTrace(TRACE, [fn("a000000000000000", ["Initialization", "Invocation", "Overhead"])]);
    expect(trace.spans.map((s) => [s.name, s.kind, s.service, s.attributes["faas.coldstart"] ?? false])).toEqual([
      ["checkout", "server", "checkout", true],
      ["Initialization", "internal", "checkout", true],
      ["Invocation", "internal", "checkout", false],
      ["Overhead", "internal", "checkout", false],
    ]);
  });

  it("marks no cold start on a warm invocation, nor for Initialization elsewhere", () => {
    const nested = segment("c000000000000000", {
      origin: "AWS::Lambda::Function",
      subsegments: [
        {
          id: "c000000000000001",
          name: "work",
          start_time: T0 + 0.11,
          end_time: T0 + 0.12,
          subsegments: [{ id: "c000000000000002", name: "Initialization", start_time: T0 + 0.11, end_time: T0 + 0.12 }],
        },
      ],
    });
    const { trace } = segmentsToTrace(TRACE, [
      fn("a000000000000000", ["Invocation", "Overhead"]),
      segment("b000000000000000", {
        origin: "AWS::EC2::Instance",
        subsegments: [{ id: "b000000000000001", name: "Initialization", start_time: T0 + 0.11, end_time: T0 + 0.12 }],
      }),
      nested,
    ]);
    expect(trace.spans.filter((s) => "faas.coldstart" in s.attributes)).toEqual([]);
  });
});

describe("segmentsToTrace on weird documents", () => {
  it("keeps a subsegment document whose parent is missing as a subsegment of an unknown service, not a service of its own", () => {
    const { trace, warnings } = segmentsToTrace(TRACE, [
      { type: "subsegment", id: "2000000000000001", name: "late", parent_id: "1000000000000009", start_time: T0 + 0.12, end_time: T0 + 0.13 },
    ]);
    expect(trace.spans.map((s) => [s.spanId, s.parentSpanId, s.service, s.kind])).toEqual([
      ["2000000000000001", "1000000000000009", "unknown_service", "internal"],
    ]);
    expect(warnings).toEqual(["document 0: subsegment whose parent 1000000000000009 is not in the trace"]);
  });

  it("skips what it cannot read, says why, and attaches orphaned subsegments to the nearest kept ancestor", () => {
    const { trace, warnings } = segmentsToTrace(TRACE, [
      42,
      null,
      "{not json",
      ["array"],
      segment("zz", {}),
      segment("1000000000000002", { start_time: "yesterday" }),
      segment("1000000000000003", {
        subsegments: [
          7,
          {
            id: "bad",
            name: "broken",
            start_time: T0 + 0.1,
            subsegments: [{ id: "3000000000000001", name: "kept", start_time: T0 + 0.15, end_time: T0 + 0.16 }],
          },
        ],
      }),
      segment("1000000000000003"),
    ]);
    expect(trace.spans.map((s) => [s.spanId, s.parentSpanId])).toEqual([
      ["1000000000000003", null],
      ["3000000000000001", "1000000000000003"],
    ]);
    expect(warnings).toEqual([
      "document 0: not a JSON object, skipped",
      "document 1: not a JSON object, skipped",
      "document 2: not a JSON object, skipped",
      "document 3: not a JSON object, skipped",
      "document 4: skipped, it needs a 16-hex-digit id, a name and a start_time",
      "document 5: skipped, it needs a 16-hex-digit id, a name and a start_time",
      "document 6 › subsegments[0]: not an object, skipped",
      "document 6 › subsegments[1]: skipped, it needs a 16-hex-digit id, a name and a start_time",
      "document 7: duplicate id 1000000000000003 skipped",
    ]);
  });

  it("survives subsegments nested 50,000 deep", () => {
    const root = segment("1000000000000001");
    let cur = root;
    for (let i = 0; i < 50_000; i++) {
      const sub = { id: (0x2000000000000000n + BigInt(i)).toString(16), name: `n${i}`, start_time: T0 + 0.1, end_time: T0 + 0.2 };
      cur.subsegments = [sub];
      cur = sub;
    }
    const { trace, warnings } = segmentsToTrace(TRACE, [root]);
    expect(warnings).toEqual([]);
    expect(trace.spans).toHaveLength(50_001);
  });

  it("skips a document whose metadata nests too deep to convert, instead of throwing", () => {
    let deep: Record<string, unknown> = {};
    for (let i = 0; i < 200_000; i++) deep = { d: deep };
    const { trace, warnings } = segmentsToTrace(TRACE, [segment("1000000000000001", { metadata: { ns: { deep } } }), segment("1000000000000002")]);
    expect(trace.spans.map((s) => s.spanId)).toEqual(["1000000000000002"]);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^document 0 skipped: /);
  });

  it("takes back everything a document added before it turned out unconvertible", () => {
    let deep: Record<string, unknown> = {};
    for (let i = 0; i < 200_000; i++) deep = { d: deep };
    // Spans, an open span and warnings come before the entry that throws.
    const bad = segment("1000000000000002", {
      parent_id: "1000000000000001",
      end_time: undefined,
      subsegments: [
        { id: "2000000000000001", name: "ok", start_time: T0 + 0.1, end_time: T0 + 0.05 },
        { id: "2000000000000002", name: "deep", start_time: T0 + 0.1, end_time: T0 + 0.2, metadata: { ns: { deep } } },
      ],
    });
    const again = segment("1000000000000002", {
      parent_id: "1000000000000001",
      subsegments: [{ id: "2000000000000001", name: "ok", start_time: T0 + 0.1, end_time: T0 + 0.2 }],
    });
    const { trace, warnings } = segmentsToTrace(TRACE, [segment("1000000000000001"), bad, again]);
    expect(trace.spans.map((s) => s.spanId)).toEqual(["1000000000000001", "1000000000000002", "2000000000000001"]);
    expect(trace.endTime).toBe(Math.max(...trace.spans.map((s) => s.endTime)));
    expect(trace.spans.every((s) => s.endTime > s.startTime)).toBe(true);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^document 1 skipped: /);
  });
});
