/**
 * The request-ID pass over the wire: a Lambda function's lines that carry only its invocation's
 * request ID (the runtime's text lines, JSON lines' requestId, START/END) are found in the
 * function's group and attached to the function's span; another invocation's are not.
 */
import { afterEach, describe, expect, it } from "vitest";
import { LAMBDA_TRACE_ID, SCOREKEEP_LAMBDA, fixtureSegments } from "../../../test/aws-server/sdk-clients";
import { type Harness, id, inputOf, startHarness, until } from "./aws-test-setup";
import { lambdaInvocationsOfTrace } from "./lambda-invocations";
import { requestIdLogsQuery } from "./logs-query";

let harness: Harness | null = null;
afterEach(async () => {
  await harness?.close();
  harness = null;
});

const A = id(LAMBDA_TRACE_ID);
const REQUEST_ID = "ac086670-6373-11e7-a174-f31b3397f190";
const FUNCTION_SEGMENT = "00f91aa01f4984fd";
const OTHER_REQUEST = "0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9";
/** The function ran from about this second (the fixture's AWS::Lambda segment). */
const T = 1499473411.8;
const at = (seconds: number) => Math.round(seconds * 1000);

const TEXT_LINE = `2017-07-08T00:23:32.000Z\t${REQUEST_ID}\tINFO\tgenerated name "kaleidoscope"`;
const JSON_LINE = JSON.stringify({ timestamp: "2017-07-08T00:23:32.100Z", level: "ERROR", requestId: REQUEST_ID, message: "SNS publish took 900 ms" });
const START_LINE = `START RequestId: ${REQUEST_ID} Version: $LATEST`;
const OTHER_LINE = `2017-07-08T00:23:32.200Z\t${OTHER_REQUEST}\tINFO\tanother invocation`;

async function start(): Promise<Harness> {
  harness = await startHarness({ logGroups: "/app/scorekeep" });
  harness.server.putSegments(fixtureSegments(SCOREKEEP_LAMBDA));
  harness.server.putLogEvents("/app/scorekeep", "web-1", [
    { timestamp: at(T), message: JSON.stringify({ traceId: LAMBDA_TRACE_ID, message: "calling random-name" }) },
  ]);
  harness.server.putLogEvents("/aws/lambda/random-name", "2017/07/08/[$LATEST]abcd", [
    { timestamp: at(T), message: START_LINE },
    { timestamp: at(T + 0.1), message: TEXT_LINE },
    { timestamp: at(T + 0.2), message: JSON_LINE },
    { timestamp: at(T + 0.3), message: OTHER_LINE },
  ]);
  return harness;
}

describe("the request-ID pass", () => {
  it("finds the lines that carry only the invocation's request ID, and attaches them to the function's span", async () => {
    const h = await start();
    // The function's own segment (the fixture's AWS::Lambda::Function document), not its subsegments.
    const trace = await h.source.getTrace(A);
    const fn = trace?.spans.find((s) => s.spanId === FUNCTION_SEGMENT);
    expect(fn?.origin).toBe("AWS::Lambda::Function");
    const done = await until(
      () => h.source.getTraceLogs(A),
      (r) => r.status !== "running",
    );
    expect(done.status).toBe("complete");
    const found = done.events.filter((e) => e.logGroup === "/aws/lambda/random-name");
    expect(found.map((e) => [e.message, e.pass, e.spanId, e.service, e.traceId])).toEqual([
      [START_LINE, "request", fn!.spanId, "random-name", A.hex],
      [TEXT_LINE, "request", fn!.spanId, "random-name", A.hex],
      [JSON_LINE, "request", fn!.spanId, "random-name", A.hex],
    ]);
    expect(found[2].level).toBe("error");
    expect(done.passes?.map((p) => [p.pass, p.queries])).toEqual([
      ["narrow", 2],
      ["request", 1],
    ]);
    const request = h
      .calls("StartQuery")
      .map(inputOf)
      .find((q) => String(q.queryString).includes("@requestId"));
    expect(request).toMatchObject({ logGroupNames: ["/aws/lambda/random-name"], queryString: requestIdLogsQuery([REQUEST_ID]) });
    // The invocation's time, a second before and 15 s after, not the trace search's wide margins.
    expect(Number(request?.endTime) - Number(request?.startTime)).toBeLessThan(30);
  });

  it("names the invocations of a trace from its X-Ray AWS::Lambda segment", async () => {
    const h = await start();
    const trace = await h.source.getTrace(A);
    const invocations = lambdaInvocationsOfTrace(trace!);
    expect(invocations.map((i) => [i.requestId, i.logGroup, i.service])).toEqual([[REQUEST_ID, "/aws/lambda/random-name", "random-name"]]);
    expect(invocations[0].spanId).toBe(FUNCTION_SEGMENT);
  });
});

describe("what reaches the request-ID query", () => {
  it("takes lowercase UUIDs only", () => {
    for (const bad of [`${REQUEST_ID}"`, "7a1c", REQUEST_ID.toUpperCase(), `${REQUEST_ID}/ or 1=1`]) {
      expect(() => requestIdLogsQuery([bad])).toThrow(TypeError);
    }
    expect(() => requestIdLogsQuery([])).toThrow(RangeError);
    expect(requestIdLogsQuery([REQUEST_ID, OTHER_REQUEST])).toContain(`@requestId in ["${REQUEST_ID}", "${OTHER_REQUEST}"]`);
  });
});
