/**
 * The OTLP messages Sightline reads, as protobufjs types. Requests are decoded by the wire reader
 * (wire-reader.ts, protobuf-traces.ts, protobuf-logs.ts), not by these types; they serve the
 * OTLP/JSON reader's enum names, tests and benchmarks that encode requests, and the test oracle
 * (test/otlp-protobufjs-oracle.ts) the wire reader is checked against. Field numbers and wire types are those
 * of opentelemetry-proto (common/v1/common.proto, resource/v1/resource.proto,
 * trace/v1/trace.proto, logs/v1/logs.proto, collector/{trace,logs}/v1/*_service.proto); fields
 * Sightline does not read are declared too where cheap, and unknown ones are skipped.
 *
 * Two deliberate differences from the .proto text, neither visible on the wire:
 * - The files are written as `edition = "2023"` with proto3's implicit presence, to turn off
 *   UTF-8 validation of strings: an invalid byte in one log line then reads as U+FFFD instead of
 *   failing the whole batch with a 400 that the exporter will not retry. The Collector's OTLP
 *   receiver does not validate either, and U+FFFD is what OTel's UTF-8 proposal (OTEP 257)
 *   suggests. The wire reader does the same (Buffer's utf8Slice).
 * - AnyValue's `oneof value` is written as explicit-presence fields with the same numbers and
 *   types. protobufjs implements a oneof by deleting the other six members on every decoded
 *   value, which cost a quarter of the decoding time of a typical span batch. The member that is
 *   set is the decoded AnyValue's one own property.
 *
 * Built once at module load.
 */
import { parse, Root, type Enum, type Type } from "protobufjs";

/** proto3 semantics, minus UTF-8 validation (see above). */
const HEADER = `
edition = "2023";
option features.field_presence = IMPLICIT;
option features.utf8_validation = NONE;
`;

const COMMON = `
package opentelemetry.proto.common.v1;

message AnyValue {
  // oneof value {
  string string_value = 1 [features.field_presence = EXPLICIT];
  bool bool_value = 2 [features.field_presence = EXPLICIT];
  int64 int_value = 3 [features.field_presence = EXPLICIT];
  double double_value = 4 [features.field_presence = EXPLICIT];
  ArrayValue array_value = 5;
  KeyValueList kvlist_value = 6;
  bytes bytes_value = 7 [features.field_presence = EXPLICIT];
  // }
}
message ArrayValue { repeated AnyValue values = 1; }
message KeyValueList { repeated KeyValue values = 1; }
message KeyValue {
  string key = 1;
  AnyValue value = 2;
}
message InstrumentationScope {
  string name = 1;
  string version = 2;
  repeated KeyValue attributes = 3;
  uint32 dropped_attributes_count = 4;
}
`;

const RESOURCE = `
package opentelemetry.proto.resource.v1;

message Resource {
  repeated opentelemetry.proto.common.v1.KeyValue attributes = 1;
  uint32 dropped_attributes_count = 2;
}
`;

const TRACE = `
package opentelemetry.proto.trace.v1;

message ResourceSpans {
  opentelemetry.proto.resource.v1.Resource resource = 1;
  repeated ScopeSpans scope_spans = 2;
  string schema_url = 3;
}
message ScopeSpans {
  opentelemetry.proto.common.v1.InstrumentationScope scope = 1;
  repeated Span spans = 2;
  string schema_url = 3;
}
message Span {
  bytes trace_id = 1;
  bytes span_id = 2;
  string trace_state = 3;
  bytes parent_span_id = 4;
  fixed32 flags = 16;
  string name = 5;
  enum SpanKind {
    SPAN_KIND_UNSPECIFIED = 0;
    SPAN_KIND_INTERNAL = 1;
    SPAN_KIND_SERVER = 2;
    SPAN_KIND_CLIENT = 3;
    SPAN_KIND_PRODUCER = 4;
    SPAN_KIND_CONSUMER = 5;
  }
  SpanKind kind = 6;
  fixed64 start_time_unix_nano = 7;
  fixed64 end_time_unix_nano = 8;
  repeated opentelemetry.proto.common.v1.KeyValue attributes = 9;
  uint32 dropped_attributes_count = 10;
  message Event {
    fixed64 time_unix_nano = 1;
    string name = 2;
    repeated opentelemetry.proto.common.v1.KeyValue attributes = 3;
    uint32 dropped_attributes_count = 4;
  }
  repeated Event events = 11;
  uint32 dropped_events_count = 12;
  message Link {
    bytes trace_id = 1;
    bytes span_id = 2;
    string trace_state = 3;
    repeated opentelemetry.proto.common.v1.KeyValue attributes = 4;
    uint32 dropped_attributes_count = 5;
    fixed32 flags = 6;
  }
  repeated Link links = 13;
  uint32 dropped_links_count = 14;
  Status status = 15;
}
message Status {
  reserved 1;
  string message = 2;
  enum StatusCode {
    STATUS_CODE_UNSET = 0;
    STATUS_CODE_OK = 1;
    STATUS_CODE_ERROR = 2;
  }
  StatusCode code = 3;
}
`;

const LOGS = `
package opentelemetry.proto.logs.v1;

message ResourceLogs {
  reserved 1000;
  opentelemetry.proto.resource.v1.Resource resource = 1;
  repeated ScopeLogs scope_logs = 2;
  string schema_url = 3;
}
message ScopeLogs {
  opentelemetry.proto.common.v1.InstrumentationScope scope = 1;
  repeated LogRecord log_records = 2;
  string schema_url = 3;
}
enum SeverityNumber {
  SEVERITY_NUMBER_UNSPECIFIED = 0;
  SEVERITY_NUMBER_TRACE = 1;
  SEVERITY_NUMBER_TRACE2 = 2;
  SEVERITY_NUMBER_TRACE3 = 3;
  SEVERITY_NUMBER_TRACE4 = 4;
  SEVERITY_NUMBER_DEBUG = 5;
  SEVERITY_NUMBER_DEBUG2 = 6;
  SEVERITY_NUMBER_DEBUG3 = 7;
  SEVERITY_NUMBER_DEBUG4 = 8;
  SEVERITY_NUMBER_INFO = 9;
  SEVERITY_NUMBER_INFO2 = 10;
  SEVERITY_NUMBER_INFO3 = 11;
  SEVERITY_NUMBER_INFO4 = 12;
  SEVERITY_NUMBER_WARN = 13;
  SEVERITY_NUMBER_WARN2 = 14;
  SEVERITY_NUMBER_WARN3 = 15;
  SEVERITY_NUMBER_WARN4 = 16;
  SEVERITY_NUMBER_ERROR = 17;
  SEVERITY_NUMBER_ERROR2 = 18;
  SEVERITY_NUMBER_ERROR3 = 19;
  SEVERITY_NUMBER_ERROR4 = 20;
  SEVERITY_NUMBER_FATAL = 21;
  SEVERITY_NUMBER_FATAL2 = 22;
  SEVERITY_NUMBER_FATAL3 = 23;
  SEVERITY_NUMBER_FATAL4 = 24;
}
message LogRecord {
  reserved 4;
  fixed64 time_unix_nano = 1;
  fixed64 observed_time_unix_nano = 11;
  SeverityNumber severity_number = 2;
  string severity_text = 3;
  opentelemetry.proto.common.v1.AnyValue body = 5;
  repeated opentelemetry.proto.common.v1.KeyValue attributes = 6;
  uint32 dropped_attributes_count = 7;
  fixed32 flags = 8;
  bytes trace_id = 9;
  bytes span_id = 10;
  string event_name = 12;
}
`;

const TRACE_SERVICE = `
package opentelemetry.proto.collector.trace.v1;

message ExportTraceServiceRequest {
  repeated opentelemetry.proto.trace.v1.ResourceSpans resource_spans = 1;
}
`;

const LOGS_SERVICE = `
package opentelemetry.proto.collector.logs.v1;

message ExportLogsServiceRequest {
  repeated opentelemetry.proto.logs.v1.ResourceLogs resource_logs = 1;
}
`;

function buildRoot(): Root {
  const root = new Root();
  for (const source of [COMMON, RESOURCE, TRACE, LOGS, TRACE_SERVICE, LOGS_SERVICE]) parse(HEADER + source, root);
  root.resolveAll();
  return root;
}

const otlpRoot: Root = buildRoot();

export const ExportTraceServiceRequest: Type = otlpRoot.lookupType("opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest");
export const ExportLogsServiceRequest: Type = otlpRoot.lookupType("opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest");

function enumValues(name: string): Readonly<Record<string, number>> {
  const e: Enum = otlpRoot.lookupEnum(name);
  return e.values;
}

/** Enum name → number, for OTLP/JSON senders that write `"SPAN_KIND_SERVER"` instead of `2`. */
export const SPAN_KIND_VALUES = enumValues("opentelemetry.proto.trace.v1.Span.SpanKind");
export const STATUS_CODE_VALUES = enumValues("opentelemetry.proto.trace.v1.Status.StatusCode");
export const SEVERITY_NUMBER_VALUES = enumValues("opentelemetry.proto.logs.v1.SeverityNumber");
