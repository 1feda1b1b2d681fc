/**
 * ResourceSpans and ResourceLogs alike: a resource, and a list of scope messages whose records
 * all need it. The resource may come after the scopes on the wire (or twice, merging), so the
 * message is read in two passes: the resource and the scopes' positions, then each scope.
 */
import type { Attributes } from "../../../model";
import { placeIn } from "./protobuf-errors";
import { readResource } from "./protobuf-values";
import { resourceContext, type ResourceContext } from "./resource";
import type { WireReader } from "./wire-reader";

/** resource = 1 in both messages. */
const RESOURCE = 10;
/** scope_spans / scope_logs = 2. */
const SCOPES = 18;

/**
 * Read the ResourceSpans / ResourceLogs message the reader is at (a length-delimited field),
 * calling `readScope` inside each of its scope messages, with errors placed at `scopes[j]`.
 */
function readResourceMessage(r: WireReader, scopes: string, readScope: (r: WireReader, resource: ResourceContext) => void): void {
  const outer = r.enter();
  const attributes: Attributes = {};
  let count = 0;
  const ranges: number[] = [];
  while (r.more()) {
    const tag = r.readTag();
    if (tag === RESOURCE) count = readResource(r, attributes, count);
    else if (tag === SCOPES) r.note(ranges);
    else r.skip(tag);
  }
  const messageEnd = r.pos;
  const resource = resourceContext(attributes);
  for (let j = 0; j < ranges.length; j += 2) {
    const end = r.readAt(ranges[j], ranges[j + 1]);
    try {
      readScope(r, resource);
    } catch (err) {
      placeIn(err, `${scopes}[${j / 2}]`);
    }
    r.leave(end);
  }
  r.pos = messageEnd;
  r.leave(outer);
}

/** Each `resourceSpans` / `resourceLogs` (field 1) of the request body, errors placed at `[i]`. */
export function readRequest(r: WireReader, resources: string, scopes: string, readScope: (r: WireReader, resource: ResourceContext) => void): void {
  let i = 0;
  while (r.more()) {
    const tag = r.readTag();
    if (tag !== 10) {
      r.skip(tag);
      continue;
    }
    try {
      readResourceMessage(r, scopes, readScope);
    } catch (err) {
      placeIn(err, `${resources}[${i}]`);
    }
    i++;
  }
}
