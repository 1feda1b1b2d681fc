/**
 * The shapes protobufjs decodes the messages of proto-schema.ts into (field names in
 * lowerCamelCase). Unset scalar fields read as their proto3 default, unset message fields as
 * null, unset repeated fields as []. fixed64/int64 fields are `Long` (protobufjs ships long.js),
 * or a plain number in a build without it.
 */
import type { Long } from "protobufjs";

export type PbInt64 = Long | number;

/**
 * AnyValue's members have explicit presence (see proto-schema.ts): the member that is set is
 * the message's one own property; the others read their defaults from the prototype.
 */
export interface PbAnyValue {
  stringValue: string;
  boolValue: boolean;
  intValue: PbInt64;
  doubleValue: number;
  arrayValue: { values: PbAnyValue[] } | null;
  kvlistValue: { values: PbKeyValue[] } | null;
  bytesValue: Uint8Array;
}

export interface PbKeyValue {
  key: string;
  value: PbAnyValue | null;
}

export interface PbResource {
  attributes: PbKeyValue[];
}

interface PbScope {
  name: string;
  version: string;
}

export interface PbEvent {
  timeUnixNano: PbInt64;
  name: string;
  attributes: PbKeyValue[];
}

export interface PbLink {
  traceId: Uint8Array;
  spanId: Uint8Array;
  attributes: PbKeyValue[];
}

export interface PbSpan {
  traceId: Uint8Array;
  spanId: Uint8Array;
  parentSpanId: Uint8Array;
  name: string;
  kind: number;
  startTimeUnixNano: PbInt64;
  endTimeUnixNano: PbInt64;
  attributes: PbKeyValue[];
  events: PbEvent[];
  links: PbLink[];
  status: { message: string; code: number } | null;
}

export interface PbTraceRequest {
  resourceSpans: {
    resource: PbResource | null;
    scopeSpans: { scope: PbScope | null; spans: PbSpan[] }[];
  }[];
}

export interface PbLogRecord {
  timeUnixNano: PbInt64;
  observedTimeUnixNano: PbInt64;
  severityNumber: number;
  severityText: string;
  body: PbAnyValue | null;
  attributes: PbKeyValue[];
  traceId: Uint8Array;
  spanId: Uint8Array;
}

export interface PbLogsRequest {
  resourceLogs: {
    resource: PbResource | null;
    scopeLogs: { logRecords: PbLogRecord[] }[];
  }[];
}
