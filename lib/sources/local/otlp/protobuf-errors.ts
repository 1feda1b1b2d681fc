/** Where a protobuf decoding error happened, and how it reaches the exporter. */
import { OtlpDecodeError, rethrowIn } from "./errors";
import { WireError } from "./wire-reader";

/**
 * Re-throw an error raised while reading `segment` (`spans[3]`, `body`) with the segment
 * prepended to its path: an OtlpDecodeError's, or a WireError's `where`.
 */
export function placeIn(err: unknown, segment: string): never {
  if (err instanceof WireError) {
    err.where = err.where === "" ? segment : err.where.startsWith("[") ? segment + err.where : `${segment}.${err.where}`;
    throw err;
  }
  return rethrowIn(err, segment);
}

/**
 * The error for the exporter: malformed wire data is `<Request>: not a valid protobuf message
 * (…, in resourceSpans[0].scopeSpans[0].spans[3])`; a well-formed but invalid field keeps its path.
 */
export function requestError(err: unknown, requestName: string): unknown {
  if (!(err instanceof WireError)) return err;
  const where = err.where === "" ? "" : `, in ${err.where}`;
  return new OtlpDecodeError(requestName, `not a valid protobuf message (${err.message}${where})`);
}
