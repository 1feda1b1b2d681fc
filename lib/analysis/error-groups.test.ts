import { describe, expect, it } from "vitest";
import { type ErrorOccurrence, groupErrors } from "./error-groups";

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
      o({ kind: "log", type: null, message: "charge ch_3PqL9x2eZvKYlo2C for order 4f1c2a9e-2b1d-4c3e-9f00-1a2b3c4d5e6f failed", time: 8 }),
      o({ kind: "log", type: null, message: "charge ch_8a7b6c5d4e3f for order 0a1b2c3d-2b1d-4c3e-9f00-1a2b3c4d5e6f failed", time: 9 }),
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
    expect(groups).toHaveLength(4);
    expect(groups[1]).toMatchObject({ kind: "log", pattern: "charge <id> for order <uuid> failed", count: 2 });
  });
});
