import { describe, expect, it } from "vitest";
import { formatAttributeValue, groupAttributes } from "./attribute-groups";

describe("groupAttributes", () => {
  it("puts each attribute in its group, groups in reading order, keys sorted", () => {
    const groups = groupAttributes({
      "db.statement": "SELECT 1",
      "http.request.method": "POST",
      "url.full": "https://x/y",
      "aws.request_id": "abc",
      "rpc.service": "SQS",
      "annotation.UserID": "5M388M1E",
      "metadata.debug.test": "value",
      "messaging.destination.name": "order-events",
      "app.order_id": "o-1",
      "db.system": "postgresql",
    });
    expect(groups.map((g) => g.name)).toEqual(["HTTP", "Database", "AWS", "Messaging", "Annotations", "Metadata", "Other"]);
    expect(groups[1].entries).toEqual([
      ["db.statement", "SELECT 1"],
      ["db.system", "postgresql"],
    ]);
    expect(groups[2].entries.map(([k]) => k)).toEqual(["aws.request_id", "rpc.service"]);
    expect(groups[6].entries).toEqual([["app.order_id", "o-1"]]);
  });

  it("omits empty groups", () => {
    expect(groupAttributes({ "faas.coldstart": true }).map((g) => g.name)).toEqual(["AWS"]);
    expect(groupAttributes({})).toEqual([]);
  });

  it("formats non-string values as JSON", () => {
    expect(formatAttributeValue("a")).toBe("a");
    expect(formatAttributeValue(12)).toBe("12");
    expect(formatAttributeValue(["x", 1])).toBe('["x",1]');
  });
});
