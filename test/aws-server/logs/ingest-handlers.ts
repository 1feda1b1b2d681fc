/**
 * CloudWatch Logs ingestion and listing: CreateLogGroup, CreateLogStream, PutLogEvents,
 * DescribeLogGroups, DescribeLogStreams.
 *
 * PutLogEvents keeps the documented rules: the group and the stream must exist; 1 to 10,000
 * events in chronological order spanning at most 24 hours; events more than 2 hours in the future
 * or older than 14 days are not stored and are reported in rejectedLogEventsInfo.
 */
import { clientError } from "../aws-error";
import type { Handler } from "../context";
import { isObject } from "../input";
import { pageOf } from "../paging";
import { LOG_GROUP_CLASSES, type LogGroupClass, groupDoesNotExist, logGroupArn } from "./log-store";
import { invalidParameter, logsReader } from "./query-handlers";
import { SPANS_GROUP } from "./span-records";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export const createLogGroup: Handler = (ctx, input) => {
  const reader = logsReader(input);
  const logGroupClass = reader.optionalString("logGroupClass") ?? "STANDARD";
  if (!(LOG_GROUP_CLASSES as readonly string[]).includes(logGroupClass)) {
    throw reader.fail("logGroupClass", logGroupClass, `Member must satisfy enum value set: [${LOG_GROUP_CLASSES.join(", ")}]`);
  }
  ctx.logs.createGroup(reader.string("logGroupName"), logGroupClass as LogGroupClass);
  return {};
};

export const createLogStream: Handler = (ctx, input) => {
  const reader = logsReader(input);
  ctx.logs.createStream(reader.string("logGroupName"), reader.string("logStreamName"));
  return {};
};

export const putLogEvents: Handler = (ctx, input) => {
  const reader = logsReader(input);
  const groupName = reader.string("logGroupName");
  const streamName = reader.string("logStreamName");
  if (groupName === SPANS_GROUP) {
    // "Spans cannot be sent to CloudWatch Logs with the PutLogEvents API" (CloudWatch user guide, "Spans"); the error is assumed.
    throw invalidParameter("Spans cannot be sent to the aws/spans log group with PutLogEvents: send them through X-Ray or the OTLP endpoint.");
  }
  const raw = reader.array("logEvents");
  if (raw.length < 1 || raw.length > 10_000) throw reader.fail("logEvents", raw.length, "Member must have length between 1 and 10000");
  const events = raw.map((e) => {
    if (!isObject(e) || typeof e.timestamp !== "number" || !Number.isInteger(e.timestamp) || typeof e.message !== "string" || e.message === "") {
      throw invalidParameter("Each log event needs an integer timestamp (epoch ms) and a non-empty message.");
    }
    return { timestamp: e.timestamp, message: e.message };
  });
  const group = ctx.logs.group(groupName);
  if (!group) throw groupDoesNotExist();
  if (!group.streams.has(streamName)) throw clientError("ResourceNotFoundException", "The specified log stream does not exist.");
  for (let i = 1; i < events.length; i += 1) {
    if (events[i].timestamp < events[i - 1].timestamp) {
      throw invalidParameter("Log events in a single PutLogEvents request must be in chronological order.");
    }
  }
  if (events[events.length - 1].timestamp - events[0].timestamp > DAY) {
    throw invalidParameter("The batch of log events in a single PutLogEvents request cannot span more than 24 hours.");
  }
  const now = ctx.now();
  const tooOldEnd = events.findLastIndex((e) => e.timestamp < now - 14 * DAY);
  const tooNewStart = events.findIndex((e) => e.timestamp > now + 2 * HOUR);
  const accepted = events.filter((e, i) => i > tooOldEnd && (tooNewStart < 0 || i < tooNewStart));
  if (accepted.length > 0) ctx.logs.append(groupName, streamName, accepted);
  const rejected = {
    ...(tooOldEnd >= 0 ? { tooOldLogEventEndIndex: tooOldEnd } : {}),
    ...(tooNewStart >= 0 ? { tooNewLogEventStartIndex: tooNewStart } : {}),
  };
  return Object.keys(rejected).length > 0 ? { rejectedLogEventsInfo: rejected } : {};
};

export const describeLogGroups: Handler = (ctx, input) => {
  const reader = logsReader(input);
  const prefix = reader.optionalString("logGroupNamePrefix");
  const pattern = reader.optionalString("logGroupNamePattern");
  if (prefix !== undefined && pattern !== undefined) {
    throw invalidParameter("LogGroup name prefix and LogGroup name pattern are mutually exclusive parameters.");
  }
  const limit = reader.optionalNumber("limit") ?? 50;
  if (!Number.isInteger(limit) || limit < 1 || limit > 50) throw reader.fail("limit", limit, "Member must have value less than or equal to 50");
  const groups = ctx.logs
    .allGroups()
    .filter((g) => prefix === undefined || g.name.startsWith(prefix))
    .filter((g) => pattern === undefined || g.name.toLowerCase().includes(pattern.toLowerCase()));
  const page = pageOf(groups, limit, "DescribeLogGroups", { prefix, pattern }, reader.optionalString("nextToken"), () =>
    invalidParameter("The specified nextToken is invalid."),
  );
  return {
    logGroups: page.items.map((g) => ({
      logGroupName: g.name,
      creationTime: g.creationTime,
      metricFilterCount: 0,
      arn: `${logGroupArn(g.name)}:*`,
      logGroupArn: logGroupArn(g.name),
      storedBytes: [...g.streams.values()].reduce((sum, s) => sum + s.events.reduce((n, e) => n + Buffer.byteLength(e.message), 0), 0),
      logGroupClass: g.logGroupClass,
    })),
    ...(page.nextToken ? { nextToken: page.nextToken } : {}),
  };
};

export const describeLogStreams: Handler = (ctx, input) => {
  const reader = logsReader(input);
  const name = reader.optionalString("logGroupName") ?? reader.optionalString("logGroupIdentifier");
  if (name === undefined) throw invalidParameter("Either logGroupName or logGroupIdentifier is required.");
  const group = ctx.logs.group(name.replace(/^arn:.*:log-group:([^:]+)(:\*)?$/, "$1"));
  if (!group) throw groupDoesNotExist();
  const prefix = reader.optionalString("logStreamNamePrefix") ?? "";
  const streams = [...group.streams.values()].filter((s) => s.name.startsWith(prefix)).sort((a, b) => (a.name < b.name ? -1 : 1));
  return {
    logStreams: streams.map((s) => ({
      logStreamName: s.name,
      creationTime: s.creationTime,
      ...(s.events.length > 0
        ? {
            firstEventTimestamp: s.events.reduce((m, e) => Math.min(m, e.timestamp), Infinity),
            lastEventTimestamp: s.events.reduce((m, e) => Math.max(m, e.timestamp), -Infinity),
            lastIngestionTime: s.events.reduce((m, e) => Math.max(m, e.ingestionTime), -Infinity),
          }
        : {}),
      arn: `${logGroupArn(group.name)}:log-stream:${s.name}`,
      storedBytes: 0,
    })),
  };
};
