/**
 * What every SnapshotRepository does, whatever keeps the snapshots: the same cases run against
 * the embedded store (snapshot-repository.test.ts) and S3 (s3-snapshot-repository.test.ts).
 */
import { expect, it } from "vitest";
import { fromExport, toExport } from "./snapshot-export";
import { isSnapshotId } from "./snapshot-id";
import type { SnapshotRepository } from "./snapshot-repository";
import { testPayload, testSnapshot, TRACE_ID } from "./test-payload";

export function snapshotRepositoryContract(repository: () => Promise<SnapshotRepository>): void {
  it("creates a snapshot with an unguessable ID and reads back its metadata and payload", async () => {
    const repo = await repository();
    const meta = await repo.create(testSnapshot({ note: "the 02:47 outage", capturedBy: "sre@example.com", source: "aws" }));
    expect(isSnapshotId(meta.id)).toBe(true);
    expect(meta).toMatchObject({ traceId: TRACE_ID, spanCount: 2, logCount: 1, logsStatus: "complete", source: "aws", capturedBy: "sre@example.com" });
    expect(await repo.get(meta.id)).toEqual({ ...meta, payload: testPayload() });
    expect(await repo.get("0".repeat(32))).toBeNull();
  });

  it("gives every snapshot of the same trace its own ID", async () => {
    const repo = await repository();
    const ids = new Set((await Promise.all(Array.from({ length: 20 }, () => repo.create(testSnapshot())))).map((m) => m.id));
    expect(ids.size).toBe(20);
  });

  it("lists newest first, without payloads, up to the limit", async () => {
    const repo = await repository();
    const old = await repo.create(testSnapshot({ title: "old", createdAt: 1000 }));
    const recent = await repo.create(testSnapshot({ title: "recent", createdAt: 3000, note: "a note", capturedBy: "sre@example.com" }));
    await repo.create(testSnapshot({ title: "middle", createdAt: 2000 }));
    const list = await repo.list(10);
    expect(list.map((s) => s.title)).toEqual(["recent", "middle", "old"]);
    expect(list[0]).not.toHaveProperty("payload");
    expect(list[0]).toEqual(recent);
    expect((await repo.list(1)).map((s) => s.id)).toEqual([recent.id]);
    expect(old.id).not.toBe(recent.id);
  });

  it("renames and re-notes, field by field", async () => {
    const repo = await repository();
    const { id } = await repo.create(testSnapshot({ note: "first" }));
    expect(await repo.update(id, { title: "renamed" })).toMatchObject({ title: "renamed", note: "first" });
    expect(await repo.update(id, { note: "" })).toMatchObject({ title: "renamed", note: "" });
    expect(await repo.get(id)).toMatchObject({ title: "renamed", note: "", payload: testPayload() });
    expect((await repo.list(10)).map((s) => s.title)).toEqual(["renamed"]);
    expect(await repo.update("f".repeat(32), { title: "x" })).toBeNull();
  });

  it("deletes", async () => {
    const repo = await repository();
    const { id } = await repo.create(testSnapshot());
    expect(await repo.delete(id)).toBe(true);
    expect(await repo.get(id)).toBeNull();
    expect(await repo.list(10)).toEqual([]);
    expect(await repo.delete(id)).toBe(false);
  });

  it("exports a snapshot that imports back as a new one with the same content", async () => {
    const repo = await repository();
    const original = await repo.get((await repo.create(testSnapshot({ title: "to export", note: "n", capturedBy: "sre@example.com" }))).id);
    const file = JSON.parse(JSON.stringify(toExport(original!))) as unknown;
    const imported = fromExport(file);
    if (!imported.ok) throw new Error(imported.message);
    const copy = await repo.create(imported.snapshot);
    expect(copy.id).not.toBe(original!.id);
    expect(await repo.get(copy.id)).toEqual({ ...original, id: copy.id });
  });

  it("keeps titles and notes of any characters and length the API accepts", async () => {
    const repo = await repository();
    const title = "Paiement refusé 💳 — 決済エラー ".repeat(8).slice(0, 200);
    const note = 'ligne 1\nligne 2 — \u2028 "quoted" <tag> & 😀 '.repeat(250).slice(0, 10_000);
    const { id } = await repo.create(testSnapshot({ title, note, capturedBy: "ŝré@example.com" }));
    expect(await repo.get(id)).toMatchObject({ title, note, capturedBy: "ŝré@example.com" });
    expect(await repo.list(10)).toMatchObject([{ id, title, note, capturedBy: "ŝré@example.com" }]);
  });
}
