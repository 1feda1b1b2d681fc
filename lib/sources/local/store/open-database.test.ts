import { writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it, onTestFinished } from "vitest";
import { DB_FILE_NAME, openDatabase } from "./open-database";
import { openStore } from "./store";
import { KEEP_EVERYTHING, tempDir } from "./test-helpers";

describe("openDatabase", () => {
  it("creates the directory and sets the durability and vacuum pragmas", () => {
    const dataDir = path.join(tempDir(), "nested", "data");
    const db = openDatabase(dataDir);
    onTestFinished(() => {
      db.close();
    });

    expect(db.name).toBe(path.join(dataDir, DB_FILE_NAME));
    expect(db.pragma("journal_mode", { simple: true })).toBe("wal");
    expect(db.pragma("synchronous", { simple: true })).toBe(2); // FULL
    expect(db.pragma("auto_vacuum", { simple: true })).toBe(2); // INCREMENTAL
    expect(db.pragma("foreign_keys", { simple: true })).toBe(1);
    expect(db.pragma("busy_timeout", { simple: true })).toBe(5000);
  });

  it("names the path and the cause when the directory cannot be created", () => {
    const parent = path.join(tempDir(), "a-file");
    writeFileSync(parent, "not a directory");
    const dataDir = path.join(parent, "data");
    expect(() => openStore({ dataDir, retention: KEEP_EVERYTHING })).toThrow(`cannot open the store at ${path.join(dataDir, DB_FILE_NAME)}: ENOTDIR`);
  });
});
