/**
 * The dedupe key of a resource: the same service and attributes, in any key order, make one row.
 */
import { createHash } from "node:crypto";
import type { AttributeValue } from "../../../model";
import type { ResourceRecord } from "../records";

function canonical(value: AttributeValue): AttributeValue {
  if (Array.isArray(value)) return value.map(canonical);
  if (value !== null && typeof value === "object") {
    const sorted: Record<string, AttributeValue> = {};
    for (const key of Object.keys(value).sort()) sorted[key] = canonical(value[key]);
    return sorted;
  }
  return value;
}

export interface ResourceKey {
  /** sha256 (hex) of the service and the canonical attributes. */
  hash: string;
  /** The attributes as JSON with object keys sorted at every depth. */
  attributesJson: string;
}

export function resourceKey(resource: ResourceRecord): ResourceKey {
  const attributesJson = JSON.stringify(canonical(resource.attributes));
  const hash = createHash("sha256").update(resource.service).update("\u0000").update(attributesJson).digest("hex");
  return { hash, attributesJson };
}
