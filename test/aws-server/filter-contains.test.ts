import { describe, expect, it } from "vitest";
import { FilterSyntaxError, parseFilterExpression } from "./xray/filter-expression";

describe("X-Ray filter subset: CONTAINS (found by the fuzz suite: every operation search was an InvalidRequestException here)", () => {
  it("parses http.url / http.method CONTAINS a string, as Sightline's operation filter writes it", () => {
    expect(parseFilterExpression('http.method = "GET" AND http.url CONTAINS "/pay|x"')).toMatchObject({
      kind: "and",
      right: { kind: "compare", field: "http.url", op: "CONTAINS", value: "/pay|x" },
    });
  });

  it("still rejects CONTAINS on a numeric field", () => {
    expect(() => parseFilterExpression("duration CONTAINS 5")).toThrow(FilterSyntaxError);
  });
});
