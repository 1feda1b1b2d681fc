import { statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { prepareBatch } from "./prepared-batch";
import { batch, bulkySpans, tempDir, testWriter } from "./test-helpers";

describe("the writer after a full disk", () => {
  /** A store whose disk fills and then has room again; `commit` writes a batch of `count` bulky spans. */
  function fullThenFreed(commit: (writer: ReturnType<typeof testWriter>["writer"], n: number, count: number) => boolean) {
    const dataDir = path.join(tempDir(), "data");
    const { db, writer } = testWriter(dataDir);
    const walBytes = () => statSync(path.join(dataDir, "sightline.db-wal")).size;
    expect(commit(writer, 1, 50)).toBe(true);
    // A commit that follows no full disk leaves the WAL as it is (the checkpoint thread's business).
    expect(walBytes()).toBeGreaterThan(0);
    // The disk fills: the file may not grow any more.
    db.pragma(`max_page_count = ${Number(db.pragma("page_count", { simple: true })) + 2}`);
    expect(commit(writer, 2, 400)).toBe(false);
    // Space is freed, and a batch is taken again: the WAL is handed back.
    db.pragma("max_page_count = 1073741823");
    expect(commit(writer, 3, 50)).toBe(true);
    return walBytes();
  }

  it("truncates the WAL at the first successful group commit", () => {
    expect(fullThenFreed((writer, n, count) => writer.writeGroup([prepareBatch(batch({ spans: bulkySpans(n, count) }))])[0].ok)).toBe(0);
  });

  it("truncates the WAL at the first successful single write", () => {
    const write = (writer: ReturnType<typeof testWriter>["writer"], n: number, count: number) => {
      try {
        writer.write(prepareBatch(batch({ spans: bulkySpans(n, count) })));
        return true;
      } catch {
        return false;
      }
    };
    expect(fullThenFreed(write)).toBe(0);
  });
});
