/** Groups a span's attributes the way an SRE reads them: HTTP, database, AWS, annotations, metadata, other. */
import type { AttributeValue, Attributes } from "../model";

type AttributeGroupName = "HTTP" | "Database" | "AWS" | "Messaging" | "Annotations" | "Metadata" | "Other";

export interface AttributeGroup {
  name: AttributeGroupName;
  entries: [string, AttributeValue][];
}

const RULES: [AttributeGroupName, RegExp][] = [
  ["Annotations", /^annotation\./],
  ["Metadata", /^metadata\./],
  ["HTTP", /^(http|url|user_agent|client|network|net\.peer|server)\./],
  ["Database", /^(db|sql)\./],
  ["AWS", /^(aws|rpc|faas|cloud|xray)\./],
  ["Messaging", /^messaging\./],
];

const ORDER: AttributeGroupName[] = ["HTTP", "Database", "AWS", "Messaging", "Annotations", "Metadata", "Other"];

export function groupAttributes(attributes: Attributes): AttributeGroup[] {
  const groups = new Map<AttributeGroupName, [string, AttributeValue][]>();
  for (const entry of Object.entries(attributes).sort(([a], [b]) => a.localeCompare(b))) {
    const name = RULES.find(([, re]) => re.test(entry[0]))?.[0] ?? "Other";
    const list = groups.get(name);
    if (list) list.push(entry);
    else groups.set(name, [entry]);
  }
  return ORDER.filter((n) => groups.has(n)).map((name) => ({ name, entries: groups.get(name)! }));
}

/** A value as one readable string: strings as-is, everything else as compact JSON. */
export function formatAttributeValue(value: AttributeValue): string {
  return typeof value === "string" ? value : JSON.stringify(value);
}
