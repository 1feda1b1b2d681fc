import Database from "better-sqlite3";
import { describe, expect, it, onTestFinished } from "vitest";
import { migrate } from "../sources/local/store/migrations";
import { openDatabase } from "../sources/local/store/open-database";
import { openStore } from "../sources/local/store/store";
import { KEEP_EVERYTHING, tempDir } from "../sources/local/store/test-helpers";
import { isSnapshotId } from "./snapshot-id";
import { createSnapshotRepository } from "./snapshot-repository";
import { testPayload, testSnapshot, TRACE_ID } from "./test-payload";

function repository(dataDir = tempDir()) {
  const db = openDatabase(dataDir);
  onTestFinished(() => {
    db.close();
  });
  migrate(db);
  return { db, repo: createSnapshotRepository(db) };
}

describe("snapshot repository", () => {
  it("creates a snapshot with an unguessable ID and reads back its metadata and payload", () => {
    const { repo } = repository();
    const meta = repo.create(testSnapshot({ note: "the 02:47 outage", capturedBy: "sre@example.com", source: "aws" }));
    expect(isSnapshotId(meta.id)).toBe(true);
    expect(meta).toMatchObject({ traceId: TRACE_ID, spanCount: 2, logCount: 1, logsStatus: "complete", source: "aws", capturedBy: "sre@example.com" });
    const snapshot = repo.get(meta.id);
    expect(snapshot).toEqual({ ...meta, payload: testPayload() });
    expect(repo.get("0".repeat(32))).toBeNull();
  });

  it("gives every snapshot of the same trace its own ID", () => {
    const { repo } = repository();
    const ids = new Set(Array.from({ length: 50 }, () => repo.create(testSnapshot()).id));
    expect(ids.size).toBe(50);
  });

  it("lists newest first, without payloads, up to the limit", () => {
    const { repo } = repository();
    const old = repo.create(testSnapshot({ title: "old", createdAt: 1000 }));
    const recent = repo.create(testSnapshot({ title: "recent", createdAt: 3000 }));
    repo.create(testSnapshot({ title: "middle", createdAt: 2000 }));
    const list = repo.list(10);
    expect(list.map((s) => s.title)).toEqual(["recent", "middle", "old"]);
    expect(list[0]).not.toHaveProperty("payload");
    expect(repo.list(1).map((s) => s.id)).toEqual([recent.id]);
    expect(old.id).not.toBe(recent.id);
  });

  it("renames and re-notes, field by field", () => {
    const { repo } = repository();
    const { id } = repo.create(testSnapshot({ note: "first" }));
    expect(repo.update(id, { title: "renamed" })).toMatchObject({ title: "renamed", note: "first" });
    expect(repo.update(id, { note: "" })).toMatchObject({ title: "renamed", note: "" });
    expect(repo.update("f".repeat(32), { title: "x" })).toBeNull();
  });

  it("deletes", () => {
    const { repo } = repository();
    const { id } = repo.create(testSnapshot());
    expect(repo.delete(id)).toBe(true);
    expect(repo.get(id)).toBeNull();
    expect(repo.delete(id)).toBe(false);
  });

  it("shares the store's file: snapshots survive the store pruning every span and log", async () => {
    const dataDir = tempDir();
    const store = openStore({ dataDir, retention: { ...KEEP_EVERYTHING, maxAgeMs: 1 } });
    onTestFinished(() => store.close());
    const { repo } = repository(dataDir);
    const { id } = repo.create(testSnapshot());
    await store.prune(Date.now());
    expect(repo.get(id)?.payload.trace.spans).toHaveLength(2);
    const peek = new Database(store.path, { readonly: true });
    onTestFinished(() => {
      peek.close();
    });
    expect(peek.prepare("SELECT count(*) AS n FROM snapshots").get()).toEqual({ n: 1 });
  });
});
