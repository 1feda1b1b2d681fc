import { describe, expect, it } from "vitest";
import { matchServices } from "./service-map-search";

describe("matchServices", () => {
  const names = ["payments", "payments-db@pg", "order-payments", "orders", "Pay-gateway"];

  it("lists names starting with the query first, then names containing it, case-insensitively", () => {
    expect(matchServices(names, "PAY")).toEqual(["Pay-gateway", "payments", "payments-db@pg", "order-payments"]);
  });

  it("finds nothing for an empty query, and at most eight names", () => {
    expect(matchServices(names, "  ")).toEqual([]);
    expect(
      matchServices(
        Array.from({ length: 20 }, (_, i) => `svc-${i}`),
        "svc",
      ),
    ).toHaveLength(8);
  });
});
