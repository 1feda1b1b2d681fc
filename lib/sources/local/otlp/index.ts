/** OTLP/HTTP request decoding for the local source: protobuf and OTLP/JSON → IngestBatch. */
export { decodeLogs, decodeTraces, type OtlpEncoding } from "./decode";
export { OtlpDecodeError } from "./errors";
export { originFromResource } from "./origin";
