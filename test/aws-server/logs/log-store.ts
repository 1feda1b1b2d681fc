/**
 * CloudWatch Logs groups, streams and events. Each group belongs to an account: the server's own
 * (ACCOUNT_ID) unless seeded into another one, a source account of CloudWatch cross-account
 * observability that the own account (the monitoring account) sees only when it is linked
 * (ServerSettings.linkedAccounts).
 */
import { type AwsError, clientError } from "../aws-error";
import { ACCOUNT_ID, REGION } from "../types";

export interface StoredEvent {
  /** The account of the event's group. */
  account: string;
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
  account: string;
  name: string;
  creationTime: number;
  logGroupClass: LogGroupClass;
  streams: Map<string, LogStream>;
}

const GROUP_NAME = /^[.\-_/#A-Za-z0-9]{1,512}$/;
const STREAM_NAME = /^[^:*]{1,512}$/;

export function logGroupArn(name: string, account = ACCOUNT_ID): string {
  return `arn:aws:logs:${REGION}:${account}:log-group:${name}`;
}

/** A group of one account: the store's key. */
export interface GroupRef {
  account: string;
  name: string;
}

function keyOf(account: string, name: string): string {
  return `${account}:${name}`;
}

export function groupDoesNotExist(): AwsError {
  return clientError("ResourceNotFoundException", "The specified log group does not exist.");
}

export class LogStore {
  private readonly groups = new Map<string, LogGroup>();
  private seq = 0;

  constructor(private readonly now: () => number) {}

  createGroup(name: string, logGroupClass: LogGroupClass = "STANDARD", account = ACCOUNT_ID): LogGroup {
    if (!GROUP_NAME.test(name)) {
      throw clientError(
        "InvalidParameterException",
        `1 validation error detected: Value '${name}' at 'logGroupName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\.\\-_/#A-Za-z0-9]+`,
      );
    }
    if (!/^\d{12}$/.test(account)) throw new TypeError(`createGroup: an account ID has 12 digits, got "${account}"`);
    if (this.groups.has(keyOf(account, name))) throw clientError("ResourceAlreadyExistsException", "The specified log group already exists");
    const group: LogGroup = { account, name, creationTime: this.now(), logGroupClass, streams: new Map() };
    this.groups.set(keyOf(account, name), group);
    return group;
  }

  createStream(groupName: string, name: string, account = ACCOUNT_ID): LogStream {
    const group = this.group(groupName, account);
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

  group(name: string, account = ACCOUNT_ID): LogGroup | undefined {
    return this.groups.get(keyOf(account, name));
  }

  /** The groups of these accounts (the own account's by default), by name (the order DescribeLogGroups lists them in). */
  allGroups(accounts: readonly string[] = [ACCOUNT_ID]): LogGroup[] {
    return [...this.groups.values()]
      .filter((g) => accounts.includes(g.account))
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.account < b.account ? -1 : a.account > b.account ? 1 : 0));
  }

  /** Appends events to an existing stream (callers check existence and order rules). */
  append(groupName: string, streamName: string, events: readonly { timestamp: number; message: string }[], account = ACCOUNT_ID): void {
    const stream = this.group(groupName, account)?.streams.get(streamName);
    if (!stream) throw clientError("ResourceNotFoundException", "The specified log stream does not exist.");
    const ingestionTime = this.now();
    for (const e of events) {
      stream.events.push({ account, group: groupName, stream: streamName, timestamp: e.timestamp, message: e.message, ingestionTime, seq: this.seq++ });
    }
  }

  /**
   * Seeding: creates the group (of `logGroupClass`, STANDARD by default, in `account`, the own
   * account by default) and the stream when missing.
   */
  seed(
    groupName: string,
    streamName: string,
    events: readonly { timestamp: number; message: string }[],
    logGroupClass?: LogGroupClass,
    account = ACCOUNT_ID,
  ): void {
    if (!this.group(groupName, account)) this.createGroup(groupName, logGroupClass, account);
    if (!this.group(groupName, account)?.streams.has(streamName)) this.createStream(groupName, streamName, account);
    this.append(groupName, streamName, events, account);
  }

  /** The events of these groups with startMs <= timestamp <= endMs, oldest first. */
  eventsIn(groups: readonly GroupRef[], startMs: number, endMs: number): StoredEvent[] {
    const out: StoredEvent[] = [];
    for (const key of new Set(groups.map((g) => keyOf(g.account, g.name)))) {
      for (const stream of this.groups.get(key)?.streams.values() ?? []) {
        for (const e of stream.events) if (e.timestamp >= startMs && e.timestamp <= endMs) out.push(e);
      }
    }
    return out.sort((a, b) => a.timestamp - b.timestamp || a.seq - b.seq);
  }
}
