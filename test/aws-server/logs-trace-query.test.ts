/**
 * Sightline's own trace-logs query, sent as Sightline sends it (StartQuery with the exact string
 * of traceLogsQuery and the window of queryWindow), answered from stored events: exactly the
 * lines of that trace come back, in every form the ID takes, and nothing else.
 */
import { CloudWatchLogsClient, CreateLogGroupCommand, CreateLogStreamCommand, PutLogEventsCommand } from "@aws-sdk/client-cloudwatch-logs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { queryWindow, traceLogsQuery } from "../../lib/sources/aws/logs-query";
import { type AwsTestServer, startAwsTestServer } from "./index";
import { HEX, T0, XRAY, runInsights, traceIdOf as id } from "./logs-helpers";
import { fixtureText, logsClient } from "./sdk-clients";

const OTHER_XRAY = "1-5f3a3e12-89b4a5c6d7e8f90123456780";
const OTHER_HEX = "5f3a3e1289b4a5c6d7e8f90123456780";

const LAMBDA = "/aws/lambda/checkout";
const APP = "/app/orders";
const ELSEWHERE = "/app/unrelated";

/** The REPORT line of the Lambda guide's fixture, for this trace. */
function reportLine(traceId: string): string {
  const line = fixtureText("lambda-platform-log-lines.txt")
    .split("\n")
    .find((l) => l.startsWith("REPORT"));
  if (!line) throw new Error("fixture has no REPORT line");
  return line.replace(/XRAY TraceId: \S+/, `XRAY TraceId: ${traceId}`);
}

const MATCHING: { group: string; stream: string; at: number; message: string }[] = [
  { group: APP, stream: "web-1", at: T0 + 10, message: JSON.stringify({ level: "info", traceId: HEX, msg: "order placed" }) },
  { group: APP, stream: "web-1", at: T0 + 20, message: JSON.stringify({ level: "warn", trace_id: XRAY, msg: "stock low" }) },
  { group: LAMBDA, stream: "2020/08/17/[$LATEST]abc", at: T0 + 30, message: JSON.stringify({ xrayTraceId: XRAY, msg: "charging" }) },
  { group: APP, stream: "web-2", at: T0 + 40, message: `GET /orders traceparent=00-${HEX.toUpperCase()}-53995c3f42cd8ad8-01 200` },
  { group: APP, stream: "web-2", at: T0 + 50, message: `X-Amzn-Trace-Id: Root=${XRAY};Parent=53995c3f42cd8ad8;Sampled=1` },
  { group: LAMBDA, stream: "2020/08/17/[$LATEST]abc", at: T0 + 60, message: reportLine(XRAY) },
  // Late, but inside the 15-minute margin after the trace.
  { group: APP, stream: "worker", at: T0 + 14 * 60_000, message: `async retry for ${XRAY}` },
];

const NOT_MATCHING: { group: string; stream: string; at: number; message: string }[] = [
  { group: APP, stream: "web-1", at: T0 + 15, message: JSON.stringify({ level: "info", traceId: OTHER_HEX, msg: "other order" }) },
  { group: APP, stream: "web-1", at: T0 + 25, message: `GET /health 200` },
  { group: APP, stream: "web-2", at: T0 + 35, message: `X-Amzn-Trace-Id: Root=${OTHER_XRAY};Sampled=1` },
  { group: LAMBDA, stream: "2020/08/17/[$LATEST]abc", at: T0 + 45, message: reportLine(OTHER_XRAY) },
  { group: LAMBDA, stream: "2020/08/17/[$LATEST]abc", at: T0 + 55, message: JSON.stringify({ xrayTraceId: OTHER_XRAY, msg: "other charge" }) },
  // The trace's ID, but outside the queried window or group.
  { group: APP, stream: "web-1", at: T0 - 6 * 60_000, message: `too early ${XRAY}` },
  { group: APP, stream: "web-1", at: T0 + 16 * 60_000, message: `too late ${XRAY}` },
  { group: ELSEWHERE, stream: "s", at: T0 + 12, message: `not queried ${XRAY}` },
];

let server: AwsTestServer;
let client: CloudWatchLogsClient;
beforeEach(async () => {
  server = await startAwsTestServer();
  client = logsClient(server);
  const all = [...MATCHING, ...NOT_MATCHING].sort((a, b) => a.at - b.at);
  for (const e of all) server.putLogEvents(e.group, e.stream, [{ timestamp: e.at, message: e.message }]);
});
afterEach(async () => {
  await server.close();
});

describe("Sightline's trace-logs query", () => {
  it("returns exactly the trace's lines, oldest first, with @timestamp, @log, @logStream, @ptr and the parsed ID fields", async () => {
    const trace = id(XRAY);
    const window = queryWindow(trace);
    const { rows, final } = await runInsights(client, traceLogsQuery(trace), [APP, LAMBDA], window);

    expect(final.status).toBe("Complete");
    expect(rows.map((r) => r["@message"])).toEqual(MATCHING.map((e) => e.message));
    expect(rows.map((r) => r["@timestamp"])).toEqual(MATCHING.map((e) => new Date(e.at).toISOString().replace("T", " ").replace("Z", "")));
    expect(rows[0]).toMatchObject({ "@log": `123456789012:${APP}`, "@logStream": "web-1", traceId: HEX });
    expect(rows[1]).toMatchObject({ trace_id: XRAY });
    expect(rows[2]).toMatchObject({ "@log": `123456789012:${LAMBDA}`, xrayTraceId: XRAY });
    expect(rows[5]).toMatchObject({ "@xrayTraceId": XRAY });
    for (const row of rows) {
      expect(row["@ptr"]).toBeTruthy();
      // Only the fields the query names (and @ptr) come back.
      for (const field of Object.keys(row)) {
        expect(["@timestamp", "@message", "@log", "@logStream", "traceId", "trace_id", "xrayTraceId", "xray_trace_id", "@xrayTraceId", "@ptr"]).toContain(
          field,
        );
      }
    }

    const inWindow = [...MATCHING, ...NOT_MATCHING].filter(
      (e) => (e.group === APP || e.group === LAMBDA) && e.at >= window.startTime * 1000 && e.at <= window.endTime * 1000,
    );
    expect(final.statistics).toMatchObject({
      recordsMatched: MATCHING.length,
      recordsScanned: inWindow.length,
      bytesScanned: inWindow.reduce((n, e) => n + Buffer.byteLength(e.message), 0),
    });
  });

  it("is the same answer whichever form the ID was given in", async () => {
    const window = queryWindow(id(XRAY));
    const a = await runInsights(client, traceLogsQuery(id(HEX.toUpperCase())), [APP, LAMBDA], window);
    const b = await runInsights(client, traceLogsQuery(id(`Root=${XRAY};Parent=53995c3f42cd8ad8;Sampled=1`)), [APP, LAMBDA], window);
    expect(a.rows.map((r) => r["@message"])).toEqual(MATCHING.map((e) => e.message));
    expect(b.rows.map((r) => r["@message"])).toEqual(a.rows.map((r) => r["@message"]));
  });

  it("finds events that arrived over the wire (CreateLogGroup, CreateLogStream, PutLogEvents)", async () => {
    // PutLogEvents refuses events older than 14 days: use a trace ID of now.
    const second = Math.floor(Date.now() / 1000);
    const fresh = id(`1-${second.toString(16)}-89b4a5c6d7e8f90123456789`);
    await client.send(new CreateLogGroupCommand({ logGroupName: "/aws/lambda/fresh" }));
    await client.send(new CreateLogStreamCommand({ logGroupName: "/aws/lambda/fresh", logStreamName: "s" }));
    await client.send(
      new PutLogEventsCommand({
        logGroupName: "/aws/lambda/fresh",
        logStreamName: "s",
        logEvents: [
          { timestamp: second * 1000 + 5, message: reportLine(fresh.xray) },
          { timestamp: second * 1000 + 6, message: reportLine(OTHER_XRAY) },
        ],
      }),
    );
    const { rows } = await runInsights(client, traceLogsQuery(fresh), ["/aws/lambda/fresh"], queryWindow(fresh));
    expect(rows.map((r) => r["@xrayTraceId"])).toEqual([fresh.xray]);
  });
});
