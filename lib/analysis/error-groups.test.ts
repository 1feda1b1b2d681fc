import { describe, expect, it } from "vitest";
import { type ErrorOccurrence, groupErrors, normalizeMessage } from "./error-groups";

describe("normalizeMessage", () => {
  it("strips what varies between occurrences of one error", () => {
    expect(normalizeMessage("Payment provider timed out after 10000 ms (charge ch_3PqL9x2eZvKYlo2C)")).toBe(
      "Payment provider timed out after <n> ms (charge <id>)",
    );
    expect(normalizeMessage("order 4f1c2a9e-2b1d-4c3e-9f00-1a2b3c4d5e6f not found in table orders")).toBe("order <id> not found in table orders");
    expect(normalizeMessage("trace 1-5f3a3e12-89b4a5c6d7e8f90123456789 at 0x7ffee4b2c9a0")).toBe("trace <id> at <hex>");
    expect(normalizeMessage("Unknown SKU   sku_8f2k1p9q2")).toBe("Unknown SKU <id>");
  });

  it("keeps words that merely contain hex letters", () => {
    expect(normalizeMessage("decade of bad cafe feed")).toBe("decade of bad cafe feed");
  });
});

describe("groupErrors", () => {
  const o = (partial: Partial<ErrorOccurrence>): ErrorOccurrence => ({
    kind: "exception",
    type: "TimeoutError",
    message: "timed out after 10000 ms",
    service: "orders",
    time: 0,
    traceId: null,
    ...partial,
  });

  it("groups by kind, type and normalized message, most frequent first", () => {
    const groups = groupErrors([
      o({ time: 5, traceId: "a", message: "timed out after 10000 ms" }),
      o({ time: 9, traceId: "b", message: "timed out after 10002 ms", service: "worker" }),
      o({ time: 7, traceId: "a", message: "timed out after 9999 ms" }),
      o({ kind: "log", type: null, message: "DynamoDB throttled: ProvisionedThroughputExceededException", time: 8, traceId: "c" }),
      o({ type: "ValidationError", message: "timed out after 1 ms", time: 1 }),
    ]);
    expect(groups[0]).toMatchObject({
      kind: "exception",
      type: "TimeoutError",
      pattern: "timed out after <n> ms",
      count: 3,
      firstSeen: 5,
      lastSeen: 9,
      services: ["orders", "worker"],
      traceIds: ["b", "a"],
    });
    expect(groups).toHaveLength(3);
  });
});
