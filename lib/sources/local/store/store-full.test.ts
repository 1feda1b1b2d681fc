import path from "node:path";
import { describe, expect, it } from "vitest";
import { guardDiskFull, isSqliteFull, StoreFullError } from "./store-full";
import { batch, bulkySpans, tempDir, testWriter, traceId } from "./test-helpers";
import type { IngestBatch } from "../records";
import { prepareBatch } from "./prepared-batch";

describe("a full disk", () => {
  it("is recognised by SQLite's code", () => {
    expect(isSqliteFull(Object.assign(new Error("database or disk is full"), { code: "SQLITE_FULL" }))).toBe(true);
    expect(isSqliteFull(Object.assign(new Error("busy"), { code: "SQLITE_BUSY" }))).toBe(false);
    expect(isSqliteFull("SQLITE_FULL")).toBe(false);
  });

  it("StoreFullError names the directory and is recognised by brand", () => {
    const err = new StoreFullError("/var/lib/sightline");
    expect(err.message).toBe("the disk holding the store (/var/lib/sightline) is full: the batch was not stored");
    expect(StoreFullError.is(err)).toBe(true);
    expect(StoreFullError.is(new Error(err.message))).toBe(false);
  });

  it("makes a write throw StoreFullError, store nothing of the batch, and leaves the store usable once there is room", () => {
    const dataDir = path.join(tempDir(), "data");
    const { db, writer, reader } = testWriter(dataDir);
    const write = guardDiskFull((b: IngestBatch) => writer.write(prepareBatch(b)), dataDir);
    write(batch({ spans: bulkySpans(1, 5) }));

    // SQLite's own SQLITE_FULL, as ENOSPC gives it: the file may not grow any more.
    const pages = Number(db.pragma("page_count", { simple: true }));
    db.pragma(`max_page_count = ${pages + 2}`);
    let thrown: unknown;
    try {
      write(batch({ spans: bulkySpans(2, 200) }));
    } catch (err) {
      thrown = err;
    }
    expect(StoreFullError.is(thrown)).toBe(true);
    expect((thrown as Error).message).toContain(dataDir);
    expect(reader.getTraceSpans(traceId(2))).toEqual([]);
    expect(reader.getTraceSpans(traceId(1))).toHaveLength(5);

    // Room again ("space freed"): the same connection takes the batch.
    db.pragma("max_page_count = 1073741823");
    expect(write(batch({ spans: bulkySpans(2, 200) })).spans).toBe(200);
    expect(reader.getTraceSpans(traceId(2))).toHaveLength(200);
  });

  it("passes other errors through unchanged", () => {
    const boom = new Error("boom");
    expect(() =>
      guardDiskFull(() => {
        throw boom;
      }, "/d")(null),
    ).toThrow(boom);
  });
});
