import { describe, expect, it } from "vitest";
import { decodeTraces, originFromResource } from ".";

const body = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));

function decodeSpan(span: Record<string, unknown>, resourceAttributes: Record<string, unknown> = {}) {
  const attributes = Object.entries(resourceAttributes).map(([key, value]) => ({ key, value: { stringValue: value } }));
  const request = {
    resourceSpans: [
      {
        resource: { attributes },
        scopeSpans: [{ spans: [{ traceId: "5b8efff798038103d269b633813fc60c", spanId: "eee19b7ec3c1b174", ...span }] }],
      },
    ],
  };
  return decodeTraces(body(request), "json").spans[0];
}

const withHttpStatus = (value: Record<string, unknown>, key = "http.response.status_code", code = 0) =>
  decodeSpan({ attributes: [{ key, value }], status: { code } });

describe("span status (X-Ray semantics)", () => {
  it("is ok for a 200", () => {
    expect(withHttpStatus({ intValue: "200" })).toMatchObject({ httpStatus: 200, status: "ok" });
  });

  it("is error for a 4xx", () => {
    expect(withHttpStatus({ intValue: 404 })).toMatchObject({ httpStatus: 404, status: "error" });
  });

  it("is throttle for a 429", () => {
    expect(withHttpStatus({ intValue: 429 })).toMatchObject({ httpStatus: 429, status: "throttle" });
  });

  it("is fault for a 5xx", () => {
    expect(withHttpStatus({ intValue: 503 })).toMatchObject({ httpStatus: 503, status: "fault" });
  });

  it("is fault for an OTel ERROR status without an HTTP status", () => {
    expect(decodeSpan({ status: { code: 2, message: "timeout" } })).toMatchObject({
      httpStatus: null,
      status: "fault",
      statusMessage: "timeout",
    });
  });

  it("lets the HTTP status decide over an OTel ERROR status", () => {
    expect(withHttpStatus({ intValue: 404 }, "http.response.status_code", 2).status).toBe("error");
  });

  it("reads the legacy http.status_code, and numeric strings", () => {
    expect(withHttpStatus({ intValue: 502 }, "http.status_code")).toMatchObject({ httpStatus: 502, status: "fault" });
    expect(withHttpStatus({ stringValue: "429" })).toMatchObject({ httpStatus: 429, status: "throttle" });
  });

  it("is throttle for an AWS throttling error answered with HTTP 400, as X-Ray flags it", () => {
    const span = decodeSpan({
      attributes: [
        { key: "http.response.status_code", value: { intValue: 400 } },
        { key: "error.type", value: { stringValue: "ProvisionedThroughputExceededException" } },
      ],
      status: { code: 2 },
    });
    expect(span).toMatchObject({ httpStatus: 400, status: "throttle" });
    const other = decodeSpan({ attributes: [{ key: "error.type", value: { stringValue: "ValidationException" } }], status: { code: 2 } });
    expect(other.status).toBe("fault");
  });

  it("ignores values that are not HTTP statuses", () => {
    expect(withHttpStatus({ stringValue: "oops" }).httpStatus).toBeNull();
    expect(withHttpStatus({ intValue: 42 }).httpStatus).toBeNull();
  });
});

describe("span kind", () => {
  it.each([
    [0, "internal"],
    [1, "internal"],
    [2, "server"],
    [3, "client"],
    [4, "producer"],
    [5, "consumer"],
    [9, "internal"],
  ])("reads kind %i as %s", (kind, expected) => {
    expect(decodeSpan({ kind }).kind).toBe(expected);
  });
});

describe("origin", () => {
  it.each([
    ["aws_lambda", "AWS::Lambda::Function"],
    ["aws_ecs", "AWS::ECS::Container"],
    ["aws_eks", "AWS::EKS::Container"],
    ["aws_ec2", "AWS::EC2::Instance"],
    ["aws_elastic_beanstalk", "AWS::ElasticBeanstalk::Environment"],
    ["aws_api_gateway", "AWS::ApiGateway::Stage"],
  ])("maps cloud.platform %s to %s", (platform, origin) => {
    expect(originFromResource({ "cloud.platform": platform })).toBe(origin);
  });

  it("is null for other platforms or none", () => {
    expect(originFromResource({ "cloud.platform": "gcp_cloud_run" })).toBeNull();
    expect(originFromResource({ "cloud.platform": "constructor" })).toBeNull();
    expect(originFromResource({})).toBeNull();
  });

  it("is taken from the resource of the emitting service", () => {
    const span = decodeSpan({}, { "service.name": "checkout", "cloud.platform": "aws_lambda" });
    expect(span.origin).toBe("AWS::Lambda::Function");
    expect(span.resource.service).toBe("checkout");
  });
});
