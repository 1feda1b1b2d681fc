import { describe, expect, it } from "vitest";
import { fromExport, toExport } from "./snapshot-export";
import { testPayload, testSnapshot } from "./test-payload";

const exported = () =>
  JSON.parse(
    JSON.stringify(
      toExport({ ...testSnapshot({ title: "t", note: "n" }), id: "a".repeat(32), traceId: "x", spanCount: 2, logCount: 1, logsStatus: "complete" }),
    ),
  ) as Record<string, unknown>;

function failure(document: unknown): string {
  const r = fromExport(document);
  if (r.ok) throw new Error("expected a rejection");
  return r.message;
}

describe("snapshot export and import", () => {
  it("round-trips: an export imports back to the same snapshot", () => {
    const doc = exported();
    expect(doc.sightlineSnapshot).toBe(1);
    const r = fromExport(doc);
    expect(r).toEqual({
      ok: true,
      snapshot: { title: "t", note: "n", createdAt: testSnapshot().createdAt, source: "local", capturedBy: null, payload: testPayload() },
    });
  });

  it("rejects what is not an export, naming why", () => {
    expect(failure(null)).toMatch(/^body: expected a Sightline snapshot export/);
    expect(failure([1])).toMatch(/^body:/);
    expect(failure({ title: "x" })).toMatch(/^sightlineSnapshot: missing/);
    expect(failure({ ...exported(), sightlineSnapshot: 2 })).toMatch(/^sightlineSnapshot: must be 1/);
  });

  it("names the first field that is wrong, deep in the payload too", () => {
    expect(failure({ ...exported(), title: "" })).toBe("title: must not be empty");
    expect(failure({ ...exported(), title: "x".repeat(201) })).toBe("title: must be at most 200 characters");
    const doc = exported();
    const payload = doc.payload as { trace: { spans: Record<string, unknown>[] } };
    payload.trace.spans[1].startTime = "yesterday";
    expect(failure(doc)).toMatch(/^payload\.trace\.spans\.1\.startTime: /);
    const noLogs = exported();
    delete (noLogs.payload as Record<string, unknown>).logs;
    expect(failure(noLogs)).toMatch(/^payload\.logs: /);
  });
});
