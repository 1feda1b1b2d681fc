/** What every span or log record of one ResourceSpans / ResourceLogs shares. */
import type { Attributes } from "../../../model";
import type { ResourceRecord } from "../records";
import { originFromResource } from "./origin";

export interface ResourceContext {
  record: ResourceRecord;
  origin: string | null;
  /** The first of `aws.log.group.names` (a string or an array of strings). */
  logGroup: string | null;
}

/** The OTel spec's name for a resource without `service.name`. */
const UNKNOWN_SERVICE = "unknown_service";

function firstLogGroup(value: Attributes[string] | undefined): string | null {
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === "string" && first !== "" ? first : null;
}

export function resourceContext(attributes: Attributes): ResourceContext {
  const name = attributes["service.name"];
  return {
    record: { service: typeof name === "string" && name !== "" ? name : UNKNOWN_SERVICE, attributes },
    origin: originFromResource(attributes),
    logGroup: firstLogGroup(attributes["aws.log.group.names"]),
  };
}
