import path from "node:path";
import { describe, expect, it, onTestFinished } from "vitest";
import { getStore } from "./singleton";
import { KEEP_EVERYTHING, tempDir } from "./test-helpers";

describe("getStore", () => {
  it("returns one store per data directory however the path is spelled", () => {
    const dataDir = tempDir();
    const store = getStore({ dataDir, retention: KEEP_EVERYTHING });
    onTestFinished(() => store.close());

    expect(getStore({ dataDir: path.join(dataDir, "..", path.basename(dataDir)), retention: KEEP_EVERYTHING })).toBe(store);
    const other = getStore({ dataDir: tempDir(), retention: KEEP_EVERYTHING });
    onTestFinished(() => other.close());
    expect(other).not.toBe(store);
  });

  it("opens a new store once the cached one was closed", () => {
    const dataDir = tempDir();
    const first = getStore({ dataDir, retention: KEEP_EVERYTHING });
    first.close();
    const second = getStore({ dataDir, retention: KEEP_EVERYTHING });
    onTestFinished(() => second.close());
    expect(second).not.toBe(first);
    expect(second.isOpen).toBe(true);
  });
});
