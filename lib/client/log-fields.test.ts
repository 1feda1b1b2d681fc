import { describe, expect, it } from "vitest";
import { fieldRows } from "./log-fields";

describe("fieldRows", () => {
  it("keeps the fields' order, strings as they are and scalars as JSON", () => {
    expect(fieldRows({ orderId: "ord_1", amountCents: 7346, cold_start: false, parent: null })).toEqual([
      { key: "orderId", text: "ord_1", block: false },
      { key: "amountCents", text: "7346", block: false },
      { key: "cold_start", text: "false", block: false },
      { key: "parent", text: "null", block: false },
    ]);
  });

  it("pretty-prints objects and arrays as blocks", () => {
    expect(fieldRows({ req: { method: "POST", url: "/orders" }, tags: ["a", 1] })).toEqual([
      { key: "req", text: '{\n  "method": "POST",\n  "url": "/orders"\n}', block: true },
      { key: "tags", text: '[\n  "a",\n  1\n]', block: true },
    ]);
  });

  it("keeps empty objects and arrays on one line", () => {
    expect(fieldRows({ a: {}, b: [] })).toEqual([
      { key: "a", text: "{}", block: false },
      { key: "b", text: "[]", block: false },
    ]);
  });

  it("has no rows for no fields", () => expect(fieldRows({})).toEqual([]));
});
