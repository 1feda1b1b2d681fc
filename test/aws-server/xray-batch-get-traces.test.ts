/**
 * Segments in, traces out: PutTraceSegments / putSegments, then BatchGetTraces through the SDK.
 */
import {
  BatchGetTracesCommand,
  GetTraceSegmentDestinationCommand,
  InvalidRequestException,
  ListRetrievedTracesCommand,
  PutTraceSegmentsCommand,
  StartTraceRetrievalCommand,
} from "@aws-sdk/client-xray";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type AwsTestServer, startAwsTestServer } from "./index";
import { DYNAMODB_TRACE_ID, LAMBDA_TRACE_ID, SCOREKEEP_DYNAMODB, SCOREKEEP_LAMBDA, fixtureSegments, fixtureText, xrayClient } from "./sdk-clients";

let server: AwsTestServer;
beforeEach(async () => {
  server = await startAwsTestServer();
});
afterEach(async () => {
  await server.close();
});

function documentsById(name: string): Map<string, unknown> {
  return new Map(fixtureSegments(name).map((d) => [(d as { id: string }).id, d]));
}

describe("BatchGetTraces", () => {
  it("returns the Scorekeep traces as seeded: every segment document, Duration, no unprocessed IDs", async () => {
    server.putSegments([...fixtureSegments(SCOREKEEP_LAMBDA), ...fixtureSegments(SCOREKEEP_DYNAMODB)]);
    const out = await xrayClient(server).send(new BatchGetTracesCommand({ TraceIds: [LAMBDA_TRACE_ID, DYNAMODB_TRACE_ID] }));
    expect(out.UnprocessedTraceIds).toEqual([]);
    const byId = new Map((out.Traces ?? []).map((t) => [t.Id, t]));
    expect([...byId.keys()].sort()).toEqual([LAMBDA_TRACE_ID, DYNAMODB_TRACE_ID].sort());

    for (const [traceId, fixture, duration] of [
      [LAMBDA_TRACE_ID, SCOREKEEP_LAMBDA, 3.232],
      [DYNAMODB_TRACE_ID, SCOREKEEP_DYNAMODB, 0.232],
    ] as const) {
      const trace = byId.get(traceId);
      expect(trace?.Duration).toBe(duration);
      const expected = documentsById(fixture);
      const segments = trace?.Segments ?? [];
      // The fixtures already hold X-Ray's inferred segments: none is added twice.
      expect(segments.map((s) => s.Id).sort()).toEqual([...expected.keys()].sort());
      for (const segment of segments) {
        expect(typeof segment.Document).toBe("string");
        expect(JSON.parse(segment.Document ?? "null")).toEqual(expected.get(segment.Id ?? ""));
      }
    }
    // The answer has the fixture's shape (the public BatchGetTraces example) field for field.
    const fixture: unknown = JSON.parse(fixtureText(SCOREKEEP_DYNAMODB));
    expect(Object.keys(fixture as object).sort()).toEqual(["Traces", "UnprocessedTraceIds"]);
  });

  it("accepts segments over the wire (PutTraceSegments) and reports invalid documents as unprocessed", async () => {
    const docs = fixtureSegments(SCOREKEEP_DYNAMODB).map((d) => JSON.stringify(d));
    const bad = JSON.stringify({ id: "0123456789abcdef", name: "x", start_time: 1, trace_id: "not-a-trace-id", end_time: 2 });
    const out = await xrayClient(server).send(new PutTraceSegmentsCommand({ TraceSegmentDocuments: [...docs, bad, "{nope"] }));
    expect(out.UnprocessedTraceSegments).toHaveLength(2);
    expect(out.UnprocessedTraceSegments?.[0]).toMatchObject({ Id: "0123456789abcdef", ErrorCode: "InvalidSegment" });
    expect(out.UnprocessedTraceSegments?.[0]?.Message).toContain("trace_id");
    const got = await xrayClient(server).send(new BatchGetTracesCommand({ TraceIds: [DYNAMODB_TRACE_ID] }));
    expect(got.Traces?.[0]?.Segments).toHaveLength(2);
  });

  it("adds X-Ray's inferred segment for an aws subsegment that no document answers", async () => {
    const [scorekeep] = fixtureSegments(SCOREKEEP_DYNAMODB).filter((d) => !("inferred" in d));
    server.putSegments([scorekeep]);
    const out = await xrayClient(server).send(new BatchGetTracesCommand({ TraceIds: [DYNAMODB_TRACE_ID] }));
    const docs = (out.Traces?.[0]?.Segments ?? []).map((s) => JSON.parse(s.Document ?? "{}") as Record<string, unknown>);
    expect(docs).toHaveLength(2);
    const inferred = docs.find((d) => d.inferred === true);
    expect(inferred).toMatchObject({
      name: "DynamoDB",
      parent_id: "2d6900034ccfe558",
      origin: "AWS::DynamoDB::Table",
      trace_id: DYNAMODB_TRACE_ID,
      start_time: 1.568835610658e9,
      end_time: 1.568835610664e9,
    });
  });

  it("replaces a document sent again with the same id (in progress, then complete)", async () => {
    const base = { id: "aaaaaaaaaaaaaaaa", name: "api", trace_id: "1-5f3a3e12-89b4a5c6d7e8f90123456789", start_time: 1_600_000_000 };
    server.putSegments([{ ...base, in_progress: true }]);
    server.putSegments([{ ...base, end_time: 1_600_000_001.5 }]);
    const out = await xrayClient(server).send(new BatchGetTracesCommand({ TraceIds: [base.trace_id] }));
    expect(out.Traces?.[0]?.Segments).toHaveLength(1);
    expect(out.Traces?.[0]?.Duration).toBe(1.5);
  });

  it("answers unknown IDs with neither a trace nor an unprocessed ID", async () => {
    const out = await xrayClient(server).send(new BatchGetTracesCommand({ TraceIds: ["1-00000001-000000000000000000000001"] }));
    expect(out.Traces).toEqual([]);
    expect(out.UnprocessedTraceIds).toEqual([]);
  });

  it("rejects more than 5 IDs with InvalidRequestException", async () => {
    const ids = Array.from({ length: 6 }, (_, i) => `1-5f3a3e12-89b4a5c6d7e8f9012345678${i}`);
    const error = await xrayClient(server)
      .send(new BatchGetTracesCommand({ TraceIds: ids }))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidRequestException);
    expect((error as InvalidRequestException).message).toContain("less than or equal to 5");
    expect((error as InvalidRequestException).$metadata.httpStatusCode).toBe(400);
  });

  it("reports an `unprocessed` fault's IDs once, then returns them", async () => {
    server.putSegments([...fixtureSegments(SCOREKEEP_LAMBDA), ...fixtureSegments(SCOREKEEP_DYNAMODB)]);
    server.inject("BatchGetTraces", { kind: "unprocessed", traceIds: [DYNAMODB_TRACE_ID] });
    const first = await xrayClient(server).send(new BatchGetTracesCommand({ TraceIds: [LAMBDA_TRACE_ID, DYNAMODB_TRACE_ID] }));
    expect(first.UnprocessedTraceIds).toEqual([DYNAMODB_TRACE_ID]);
    expect(first.Traces?.map((t) => t.Id)).toEqual([LAMBDA_TRACE_ID]);
    const retry = await xrayClient(server).send(new BatchGetTracesCommand({ TraceIds: [DYNAMODB_TRACE_ID] }));
    expect(retry.UnprocessedTraceIds).toEqual([]);
    expect(retry.Traces?.map((t) => t.Id)).toEqual([DYNAMODB_TRACE_ID]);
  });
});

describe("an account with CloudWatch Transaction Search", () => {
  it("finds nothing through BatchGetTraces, says so in GetTraceSegmentDestination, and serves trace retrieval", async () => {
    server.putSegments(fixtureSegments(SCOREKEEP_LAMBDA));
    server.configure({ transactionSearch: true, queryRunMs: 150 });
    const client = xrayClient(server);
    const batch = await client.send(new BatchGetTracesCommand({ TraceIds: [LAMBDA_TRACE_ID] }));
    expect(batch.Traces).toEqual([]);
    expect(batch.UnprocessedTraceIds).toEqual([]);
    expect(await client.send(new GetTraceSegmentDestinationCommand({}))).toMatchObject({ Destination: "CloudWatchLogs", Status: "ACTIVE" });

    const { RetrievalToken } = await client.send(
      new StartTraceRetrievalCommand({ TraceIds: [LAMBDA_TRACE_ID], StartTime: new Date(1_499_473_000_000), EndTime: new Date(1_499_474_000_000) }),
    );
    const running = await client.send(new ListRetrievedTracesCommand({ RetrievalToken }));
    expect(running.RetrievalStatus).toBe("RUNNING");
    expect(running.Traces).toEqual([]);
    await new Promise((r) => setTimeout(r, 200));
    const done = await client.send(new ListRetrievedTracesCommand({ RetrievalToken }));
    expect(done.RetrievalStatus).toBe("COMPLETE");
    expect(done.Traces?.[0]?.Id).toBe(LAMBDA_TRACE_ID);
    expect(done.Traces?.[0]?.Spans).toHaveLength(5);
  });

  it("is off by default: segments go to X-Ray", async () => {
    expect((await xrayClient(server).send(new GetTraceSegmentDestinationCommand({}))).Destination).toBe("XRay");
  });
});
