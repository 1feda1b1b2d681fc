import Database from "better-sqlite3";
import { describe, expect, it, onTestFinished } from "vitest";
import { migrate } from "../sources/local/store/migrations";
import { openDatabase } from "../sources/local/store/open-database";
import { openStore } from "../sources/local/store/store";
import { KEEP_EVERYTHING, tempDir } from "../sources/local/store/test-helpers";
import { snapshotRepositoryContract } from "./repository-contract";
import { createSnapshotRepository } from "./snapshot-repository";
import { testSnapshot } from "./test-payload";

function repository(dataDir = tempDir()) {
  const db = openDatabase(dataDir);
  onTestFinished(() => {
    db.close();
  });
  migrate(db);
  return createSnapshotRepository(db);
}

describe("snapshot repository (embedded store)", () => {
  snapshotRepositoryContract(async () => repository());

  it("shares the store's file: snapshots survive the store pruning every span and log", async () => {
    const dataDir = tempDir();
    const store = openStore({ dataDir, retention: { ...KEEP_EVERYTHING, maxAgeMs: 1 } });
    onTestFinished(() => store.close());
    const repo = repository(dataDir);
    const { id } = await repo.create(testSnapshot());
    await store.prune(Date.now());
    expect((await repo.get(id))?.payload.trace.spans).toHaveLength(2);
    const peek = new Database(store.path, { readonly: true });
    onTestFinished(() => {
      peek.close();
    });
    expect(peek.prepare("SELECT count(*) AS n FROM snapshots").get()).toEqual({ n: 1 });
  });
});
