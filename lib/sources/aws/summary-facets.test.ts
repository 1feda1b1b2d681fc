import { describe, expect, it } from "vitest";
import { facetsFromXRaySummary, rootCauseExceptions } from "./summary-facets";

const summary = {
  Id: "1-5f3a3e12-89b4a5c6d7e8f90123456789",
  StartTime: 1_597_652_498.5,
  Duration: 2.5,
  HasFault: true,
  Http: { HttpURL: "https://api.example.com/orders/42?x=1", HttpStatus: 502, HttpMethod: "POST", UserAgent: "curl/8", ClientIp: "192.0.2.7" },
  Annotations: {
    version: [{ AnnotationValue: { StringValue: "2.15.0" }, ServiceIds: [{ Name: "orders", Type: "AWS::ECS::Container" }] }],
    tier: [{ AnnotationValue: { StringValue: "pro" }, ServiceIds: [] }],
  },
  ServiceIds: [{ Name: "checkout" }, { Name: "orders" }, { Name: "DynamoDB", Type: "AWS::DynamoDB::Table" }],
  Users: [{ UserName: "alice" }],
  ResourceARNs: [{ ARN: "arn:aws:lambda:eu-west-1:123456789012:function:worker" }],
  AvailabilityZones: [{ Name: "eu-west-1b" }],
  InstanceIds: [{ Id: "i-0abc" }],
  FaultRootCauses: [{ Services: [{ Name: "payments.example", Exceptions: [{ Name: "TimeoutError", Message: "timed out" }] }] }],
};

describe("facetsFromXRaySummary", () => {
  const facets = facetsFromXRaySummary(summary);

  it("reads every comparable field of the summary", () => {
    expect(facets?.status).toBe("fault");
    expect(facets?.durationMs).toBe(2500);
    expect(facets?.facets).toEqual(
      expect.arrayContaining([
        ["annotation.version", "2.15.0"],
        ["annotation.tier", "pro"],
        ["service", "DynamoDB"],
        ["http.method", "POST"],
        ["http.path", "/orders/42"],
        ["http.status_code", "502"],
        ["user", "alice"],
        ["cloud.availability_zone", "eu-west-1b"],
        ["host.id", "i-0abc"],
        ["rootcause.fault.service", "payments.example"],
        ["rootcause.fault.exception", "TimeoutError"],
      ]),
    );
  });

  it("takes a version annotation as the version of the services that recorded it", () => {
    expect(facets?.versions).toEqual([{ service: "orders", version: "2.15.0" }]);
  });

  it("skips a summary without a valid ID", () => {
    expect(facetsFromXRaySummary({ ...summary, Id: "nope" })).toBeNull();
    expect(facetsFromXRaySummary(null)).toBeNull();
  });
});

describe("rootCauseExceptions", () => {
  it("takes each root-cause exception as an occurrence of its service at the trace's start", () => {
    expect(rootCauseExceptions(summary)).toEqual([
      {
        kind: "exception",
        type: "TimeoutError",
        message: "timed out",
        service: "payments.example",
        time: 1_597_652_498_500,
        traceId: "5f3a3e1289b4a5c6d7e8f90123456789",
      },
    ]);
  });
});
