import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { unreachableByOthers } from "./unwritable-data-dir";

describe("unreachableByOthers", () => {
  const made: string[] = [];
  afterEach(() => {
    for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
  });
  const tree = () => {
    const root = mkdtempSync(path.join(os.tmpdir(), "sightline-reach-"));
    made.push(root);
    chmodSync(root, 0o755);
    const dir = path.join(root, "checkout", ".next");
    mkdirSync(dir, { recursive: true, mode: 0o755 });
    const file = path.join(dir, "server.js");
    writeFileSync(file, "", { mode: 0o644 });
    return { root, checkout: path.join(root, "checkout"), file };
  };

  it("is null when every folder on the way lets others through and the file is readable", () => {
    const { file } = tree();
    // os.tmpdir() and / are world-traversable on this machine; the test's own folders are 0755.
    expect(unreachableByOthers(file)).toBeNull();
  });

  it("names the first folder others may not pass (a mktemp -d checkout, 0700)", () => {
    const { checkout, file } = tree();
    chmodSync(checkout, 0o700);
    expect(unreachableByOthers(file)).toBe(checkout);
  });

  it("names the file when others may not read it", () => {
    const { file } = tree();
    chmodSync(file, 0o600);
    expect(unreachableByOthers(file)).toBe(file);
  });
});
