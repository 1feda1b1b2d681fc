import { statSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { prepareBatch } from "./prepared-batch";
import { batch, bulkySpans, tempDir, testWriter, traceId } from "./test-helpers";
import { DB_FILE_NAME } from "./open-database";
import type { WriterOptions } from "./writer";

type TestWriter = ReturnType<typeof testWriter>;
const bulky = (n: number, count: number) => prepareBatch(batch({ spans: bulkySpans(n, count) }));
const ok = { freeBytes: () => Number.MAX_SAFE_INTEGER };

function store(options: WriterOptions = ok) {
  const dataDir = path.join(tempDir(), "data");
  const w = testWriter(dataDir, options);
  return { ...w, walBytes: () => statSync(path.join(dataDir, `${DB_FILE_NAME}-wal`)).size, file: path.join(dataDir, DB_FILE_NAME) };
}

/** The disk fills (the file may not grow), a batch is refused with SQLITE_FULL, and room comes back. */
function fillAndFree(db: Database.Database, commit: () => boolean): void {
  db.pragma(`max_page_count = ${Number(db.pragma("page_count", { simple: true })) + 2}`);
  expect(commit()).toBe(false);
  db.pragma("max_page_count = 1073741823");
}

const groupCommit = (writer: TestWriter["writer"], n: number, count: number) => writer.writeGroup([bulky(n, count)])[0];
function singleWrite(writer: TestWriter["writer"], n: number, count: number): { ok: true } | { ok: false; error: unknown } {
  try {
    writer.write(bulky(n, count));
    return { ok: true };
  } catch (error) {
    return { ok: false, error };
  }
}

describe.each([
  ["group commit", groupCommit],
  ["single write", singleWrite],
])("the WAL after a full disk (%s)", (_, commit) => {
  it("is checkpointed away before the next batch is written", () => {
    const { db, writer, reader, walBytes } = store();
    expect(commit(writer, 1, 50).ok).toBe(true);
    fillAndFree(db, () => commit(writer, 2, 400).ok);
    const left = walBytes();
    expect(commit(writer, 3, 50).ok).toBe(true);
    // Batch 3 went into a WAL that had started over: the file is no larger than its frames. Without
    // the checkpoint first, the WAL keeps batch 1 and the refused batch's frames and grows further.
    expect(walBytes()).toBeLessThan(left);
    expect(reader.getTraceSpans(traceId(3))).toHaveLength(50);
    expect(reader.getTraceSpans(traceId(1))).toHaveLength(50);
  });

  it("refuses batches as a full disk, writing nothing, while a reader keeps the WAL from being checkpointed", () => {
    const { db, writer, reader, walBytes, file } = store();
    expect(commit(writer, 1, 50).ok).toBe(true);
    db.pragma("busy_timeout = 20");
    // Another connection reads a snapshot that takes pages from the WAL: TRUNCATE cannot finish.
    const other = new Database(file, { readonly: true });
    other.exec("BEGIN");
    other.prepare("SELECT count(*) FROM spans").get();
    try {
      fillAndFree(db, () => commit(writer, 2, 400).ok);
      const before = walBytes();
      const refused = commit(writer, 5, 10);
      expect(refused.ok).toBe(false);
      expect((refused as { error: { code?: string } }).error.code).toBe("SQLITE_FULL");
      expect(walBytes()).toBe(before);
      expect(reader.getTraceSpans(traceId(5))).toHaveLength(0);
    } finally {
      other.exec("COMMIT");
      other.close();
    }
    // The reader is gone: the WAL is checkpointed and the batch taken.
    expect(commit(writer, 5, 10).ok).toBe(true);
    expect(reader.getTraceSpans(traceId(5))).toHaveLength(10);
  });
});

describe("the WAL on a nearly full disk", () => {
  it("is truncated after every commit, and left to the checkpoint thread otherwise", () => {
    const low = store({ freeBytes: () => 1024 * 1024 });
    expect(groupCommit(low.writer, 1, 50).ok).toBe(true);
    expect(low.walBytes()).toBe(0);
    expect(singleWrite(low.writer, 2, 50).ok).toBe(true);
    expect(low.walBytes()).toBe(0);
    expect(low.reader.getTraceSpans(traceId(2))).toHaveLength(50);

    const roomy = store();
    expect(groupCommit(roomy.writer, 1, 50).ok).toBe(true);
    expect(roomy.walBytes()).toBeGreaterThan(0);
  });

  it("is left as it is while a reader holds an older snapshot, without waiting for it", () => {
    const low = store({ freeBytes: () => 0 });
    expect(groupCommit(low.writer, 1, 50).ok).toBe(true);
    const other = new Database(low.file, { readonly: true });
    try {
      other.exec("BEGIN");
      other.prepare("SELECT count(*) FROM spans").get();
      const started = performance.now();
      expect(groupCommit(low.writer, 2, 50).ok).toBe(true);
      expect(low.walBytes()).toBeGreaterThan(0);
      // busy_timeout is 5 s: a checkpoint that waited for the reader would take that long.
      expect(performance.now() - started).toBeLessThan(2500);
    } finally {
      other.exec("COMMIT");
      other.close();
    }
    expect(groupCommit(low.writer, 3, 50).ok).toBe(true);
    expect(low.walBytes()).toBe(0);
  });
});
