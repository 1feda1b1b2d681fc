import { SeverityNumber } from "@opentelemetry/api-logs";
import { describe, expect, it } from "vitest";
import { logLine } from "./log-lines";
import { createRandom } from "./random";
import { describeServices } from "./topology";

const services = describeServices(createRandom(1), Date.UTC(2025, 5, 1));
const traceId = "683c3f5a89b4a5c6d7e8f90123456789";
const spanId = "3d752a1b2c3d4e5f";
const at = Date.UTC(2025, 5, 1, 11, 40, 0, 123);

describe("log lines", () => {
  it("writes the Lambda REPORT line as Lambda does, Init Duration only on a cold start", () => {
    const origin = { service: services["auth-authorizer"], traceId, spanId };
    const report = { kind: "lambda-report", at, requestId: "c793869b-ee49-415b-a5b6-4fd21e8dedac", durationMs: 128.834, maxMemoryUsedMb: 74 } as const;
    expect(logLine({ ...report, initDurationMs: 166.62 }, origin).body).toBe(
      "REPORT RequestId: c793869b-ee49-415b-a5b6-4fd21e8dedac\tDuration: 128.83 ms\tBilled Duration: 129 ms\tMemory Size: 256 MB\tMax Memory Used: 74 MB\tInit Duration: 166.62 ms\tXRAY TraceId: 1-683c3f5a-89b4a5c6d7e8f90123456789\tSegmentId: 3d752a1b2c3d4e5f\tSampled: true",
    );
    expect(logLine({ ...report, initDurationMs: null }, origin).body).not.toContain("Init Duration");
    expect(logLine({ kind: "lambda-start", at, requestId: "r-1" }, origin).body).toBe("START RequestId: r-1 Version: $LATEST");
  });

  it("correlates Lambda Powertools lines by the body's X-Ray trace ID only", () => {
    const line = logLine(
      { kind: "app", at, level: "WARN", message: "ProvisionedThroughputExceededException, retrying", fields: { attempt: 1 } },
      { service: services["order-worker"], traceId, spanId },
    );
    expect(line.carriesSpanContext).toBe(false);
    expect(line.severityNumber).toBe(SeverityNumber.WARN);
    expect(JSON.parse(line.body)).toMatchObject({
      level: "WARN",
      message: "ProvisionedThroughputExceededException, retrying",
      service: "order-worker",
      xrayTraceId: "1-683c3f5a-89b4a5c6d7e8f90123456789",
      spanId,
      timestamp: "2025-06-01T11:40:00.123Z",
      attempt: 1,
    });
  });

  it("writes pino lines for the ECS service with the W3C trace ID, and the record's span context", () => {
    const line = logLine(
      { kind: "app", at, level: "ERROR", message: "payment provider timeout after 10000 ms", fields: { orderId: "ord_1" } },
      { service: services["orders-service"], traceId, spanId },
    );
    expect(line.carriesSpanContext).toBe(true);
    expect(line.severityNumber).toBe(SeverityNumber.ERROR);
    expect(JSON.parse(line.body)).toMatchObject({ level: "error", time: at, traceId, spanId, service: "orders-service", orderId: "ord_1" });
  });

  it("adds the X-Ray trace ID to API Gateway access-log lines", () => {
    const line = logLine({ kind: "access", at, fields: { status: "429" } }, { service: services["checkout-api"], traceId, spanId });
    expect(JSON.parse(line.body)).toEqual({ status: "429", xrayTraceId: "1-683c3f5a-89b4a5c6d7e8f90123456789" });
    expect(line.carriesSpanContext).toBe(false);
  });
});
