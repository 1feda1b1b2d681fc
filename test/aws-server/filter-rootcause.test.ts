/** The X-Ray subset's rootcause.fault|error.exception.name|message, through the SDK. */
import { GetTraceSummariesCommand } from "@aws-sdk/client-xray";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type AwsTestServer, startAwsTestServer } from "./index";
import { xrayClient } from "./sdk-clients";
import { syntheticTrace } from "./synthetic-traces";

let server: AwsTestServer;
beforeEach(async () => {
  server = await startAwsTestServer();
});
afterEach(async () => {
  await server.close();
});

const START = 1_700_000_000;

/** A trace whose downstream call recorded `exception`, with the call faulting (5xx) or erroring (4xx). */
function withException(offset: number, exception: { type: string; message: string } | null, status = 502) {
  const t = syntheticTrace({ startSeconds: START + offset, status: exception ? status : 200 });
  const call = (t.documents[0] as { subsegments: Record<string, unknown>[] }).subsegments[0];
  if (exception) {
    Object.assign(
      call,
      status >= 500 ? { fault: true } : { error: true },
      { http: { response: { status } } },
      { cause: { exceptions: [{ id: "e1", ...exception }] } },
    );
  }
  return t;
}

async function ids(filter: string): Promise<string[]> {
  const out = await xrayClient(server).send(
    new GetTraceSummariesCommand({ StartTime: new Date((START - 10) * 1000), EndTime: new Date((START + 100) * 1000), FilterExpression: filter }),
  );
  return (out.TraceSummaries ?? []).map((s) => s.Id!).sort();
}

describe("rootcause exception fields", () => {
  it("match the exceptions of faulting and of erroring entities, by name and by message", async () => {
    const timeout = withException(1, { type: "TimeoutError", message: "timed out after 3000 ms" });
    const notFound = withException(2, { type: "NotFound", message: "no such order" }, 404);
    const healthy = withException(3, null);
    server.putSegments([timeout, notFound, healthy].flatMap((t) => t.documents));
    expect(await ids('rootcause.fault.exception.name = "TimeoutError"')).toEqual([timeout.traceId]);
    expect(await ids('rootcause.error.exception.name = "TimeoutError"')).toEqual([]);
    expect(await ids('rootcause.error.exception.name = "NotFound"')).toEqual([notFound.traceId]);
    expect(await ids('rootcause.fault.exception.message CONTAINS "timed out"')).toEqual([timeout.traceId]);
    expect(await ids('(rootcause.fault.exception.name = "NotFound" OR rootcause.error.exception.name = "NotFound")')).toEqual([notFound.traceId]);
    expect(await ids('NOT rootcause.fault.exception.name = "TimeoutError"')).toEqual([notFound.traceId, healthy.traceId].sort());
  });

  it("rejects a number where the name is a string field's value", async () => {
    await expect(ids("rootcause.fault.exception.name > 3")).rejects.toThrow(/supports =, != and CONTAINS only/);
  });
});
