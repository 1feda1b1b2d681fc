import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { decodeLogs, decodeTraces } from ".";

const fixture = (name: string) => readFileSync(path.resolve(__dirname, "../../../../test/fixtures/otlp", name));

describe("the opentelemetry-proto example trace", () => {
  const fromJson = decodeTraces(fixture("trace.json"), "json");
  const fromProtobuf = decodeTraces(fixture("trace.protobuf-bin"), "protobuf");

  it("decodes the one server span, IDs lowercased", () => {
    expect(fromJson.logs).toEqual([]);
    expect(fromJson.spans).toHaveLength(1);
    const span = fromJson.spans[0];
    expect(span.traceId).toBe("5b8efff798038103d269b633813fc60c");
    expect(span.spanId).toBe("eee19b7ec3c1b174");
    expect(span.parentSpanId).toBe("eee19b7ec3c1b173");
    expect(span.name).toBe("I'm a server span");
    expect(span.kind).toBe("server");
  });

  it("keeps times as integer epoch microseconds", () => {
    const span = fromJson.spans[0];
    expect(span.startUs).toBe(1_544_712_660_000_000);
    expect(span.endUs).toBe(1_544_712_661_000_000);
  });

  it("derives service, status and scope, and keeps attributes", () => {
    const span = fromJson.spans[0];
    expect(span.resource).toEqual({ service: "my.service", attributes: { "service.name": "my.service" } });
    expect(span.attributes).toEqual({ "my.span.attr": "some value" });
    expect(span.scope).toEqual({ name: "my.library", version: "1.0.0" });
    expect(span.status).toBe("ok");
    expect(span.statusMessage).toBeNull();
    expect(span.httpStatus).toBeNull();
    expect(span.origin).toBeNull();
    expect(span.events).toEqual([]);
    expect(span.links).toEqual([]);
  });

  it("gives the same records from protobuf as from JSON", () => {
    expect(fromProtobuf).toEqual(fromJson);
  });
});

describe("the opentelemetry-proto example logs", () => {
  const batch = decodeLogs(fixture("logs.json"), "json");

  it("decodes the one record with its trace context", () => {
    expect(batch.spans).toEqual([]);
    expect(batch.logs).toHaveLength(1);
    const log = batch.logs[0];
    expect(log.traceId).toBe("5b8efff798038103d269b633813fc60c");
    expect(log.spanId).toBe("eee19b7ec3c1b174");
    expect(log.timeUs).toBe(1_544_712_660_300_000);
    expect(log.severityNumber).toBe(10);
    expect(log.severityText).toBe("Information");
    expect(log.level).toBe("info");
    expect(log.message).toBe("Example log record");
    expect(log.resource.service).toBe("my.service");
    expect(log.logGroup).toBeNull();
  });

  it("turns every AnyValue type into plain JSON", () => {
    expect(batch.logs[0].fields).toEqual({
      "string.attribute": "some string",
      "boolean.attribute": true,
      "int.attribute": 10,
      "double.attribute": 637.704,
      "array.attribute": ["many", "values"],
      "map.attribute": { "some.map.key": "some value" },
    });
  });
});
