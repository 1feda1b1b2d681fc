import { statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it, onTestFinished } from "vitest";
import { migrate } from "./migrations";
import { openDatabase } from "./open-database";
import { prepareBatch } from "./prepared-batch";
import { batch, span, spanId, tempDir, traceId } from "./test-helpers";
import { walAfterFull } from "./wal-after-full";
import { createWriter } from "./writer";

const spans = (t: number, n: number) =>
  Array.from({ length: n }, (_, i) => span({ traceId: traceId(t), spanId: spanId(i + 1), attributes: { blob: "x".repeat(2000) } }));

describe("walAfterFull", () => {
  function fullThenFreed(recover: boolean) {
    const dataDir = path.join(tempDir(), "data");
    const db = openDatabase(dataDir);
    onTestFinished(() => {
      db.close();
    });
    migrate(db);
    const writer = createWriter(db);
    const wal = walAfterFull(db);
    const commit = (n: number, count: number) => {
      const outcomes = writer.writeGroup([prepareBatch(batch({ spans: spans(n, count) }))]);
      if (recover) wal.after(outcomes);
      return outcomes;
    };
    expect(commit(1, 50)[0].ok).toBe(true);
    // The disk fills: the file may not grow any more.
    db.pragma(`max_page_count = ${Number(db.pragma("page_count", { simple: true })) + 2}`);
    const refused = commit(2, 400)[0];
    expect(refused.ok).toBe(false);
    // Space is freed, and a batch is taken again.
    db.pragma("max_page_count = 1073741823");
    expect(commit(3, 50)[0].ok).toBe(true);
    return statSync(path.join(dataDir, "sightline.db-wal")).size;
  }

  it("truncates the WAL at the first successful commit after a full disk", () => {
    expect(fullThenFreed(true)).toBe(0);
  });

  it("(without it, the WAL keeps what it grew to)", () => {
    expect(fullThenFreed(false)).toBeGreaterThan(0);
  });
});
