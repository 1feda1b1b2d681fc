/**
 * CloudWatch Logs groups, streams and events.
 */
import { type AwsError, clientError } from "../aws-error";
import { ACCOUNT_ID, REGION } from "../types";

export interface StoredEvent {
  group: string;
  stream: string;
  timestamp: number;
  message: string;
  ingestionTime: number;
  /** Arrival order across the store (ties in timestamp keep it). */
  seq: number;
}

export interface LogStream {
  name: string;
  creationTime: number;
  events: StoredEvent[];
}

/** CreateLogGroup's logGroupClass values; STANDARD is the default. */
export const LOG_GROUP_CLASSES = ["STANDARD", "INFREQUENT_ACCESS", "DELIVERY"] as const;
export type LogGroupClass = (typeof LOG_GROUP_CLASSES)[number];

export interface LogGroup {
  name: string;
  creationTime: number;
  logGroupClass: LogGroupClass;
  streams: Map<string, LogStream>;
}

const GROUP_NAME = /^[.\-_/#A-Za-z0-9]{1,512}$/;
const STREAM_NAME = /^[^:*]{1,512}$/;

export function logGroupArn(name: string): string {
  return `arn:aws:logs:${REGION}:${ACCOUNT_ID}:log-group:${name}`;
}

export function groupDoesNotExist(): AwsError {
  return clientError("ResourceNotFoundException", "The specified log group does not exist.");
}

export class LogStore {
  private readonly groups = new Map<string, LogGroup>();
  private seq = 0;

  constructor(private readonly now: () => number) {}

  createGroup(name: string, logGroupClass: LogGroupClass = "STANDARD"): LogGroup {
    if (!GROUP_NAME.test(name)) {
      throw clientError(
        "InvalidParameterException",
        `1 validation error detected: Value '${name}' at 'logGroupName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\.\\-_/#A-Za-z0-9]+`,
      );
    }
    if (this.groups.has(name)) throw clientError("ResourceAlreadyExistsException", "The specified log group already exists");
    const group: LogGroup = { name, creationTime: this.now(), logGroupClass, streams: new Map() };
    this.groups.set(name, group);
    return group;
  }

  createStream(groupName: string, name: string): LogStream {
    const group = this.groups.get(groupName);
    if (!group) throw groupDoesNotExist();
    if (!STREAM_NAME.test(name)) {
      throw clientError(
        "InvalidParameterException",
        `1 validation error detected: Value '${name}' at 'logStreamName' failed to satisfy constraint: Member must satisfy regular expression pattern: [^:*]*`,
      );
    }
    if (group.streams.has(name)) throw clientError("ResourceAlreadyExistsException", "The specified log stream already exists");
    const stream: LogStream = { name, creationTime: this.now(), events: [] };
    group.streams.set(name, stream);
    return stream;
  }

  group(name: string): LogGroup | undefined {
    return this.groups.get(name);
  }

  /** All groups, by name (the order DescribeLogGroups lists them in). */
  allGroups(): LogGroup[] {
    return [...this.groups.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  /** Appends events to an existing stream (callers check existence and order rules). */
  append(groupName: string, streamName: string, events: readonly { timestamp: number; message: string }[]): void {
    const stream = this.groups.get(groupName)?.streams.get(streamName);
    if (!stream) throw clientError("ResourceNotFoundException", "The specified log stream does not exist.");
    const ingestionTime = this.now();
    for (const e of events) {
      stream.events.push({ group: groupName, stream: streamName, timestamp: e.timestamp, message: e.message, ingestionTime, seq: this.seq++ });
    }
  }

  /** Seeding: creates the group (of `logGroupClass`, STANDARD by default) and the stream when missing. */
  seed(groupName: string, streamName: string, events: readonly { timestamp: number; message: string }[], logGroupClass?: LogGroupClass): void {
    if (!this.groups.has(groupName)) this.createGroup(groupName, logGroupClass);
    if (!this.groups.get(groupName)?.streams.has(streamName)) this.createStream(groupName, streamName);
    this.append(groupName, streamName, events);
  }

  /** The events of these groups with startMs <= timestamp <= endMs, oldest first. */
  eventsIn(groupNames: readonly string[], startMs: number, endMs: number): StoredEvent[] {
    const out: StoredEvent[] = [];
    for (const name of new Set(groupNames)) {
      for (const stream of this.groups.get(name)?.streams.values() ?? []) {
        for (const e of stream.events) if (e.timestamp >= startMs && e.timestamp <= endMs) out.push(e);
      }
    }
    return out.sort((a, b) => a.timestamp - b.timestamp || a.seq - b.seq);
  }
}
