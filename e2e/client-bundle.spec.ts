/**
 * Nothing from the server's environment reaches the browser: every file the client can download
 * from the build (.next/static) is scanned for the secrets planted in the build's environment
 * and for every other value of that environment except NEXT_PUBLIC_* ones.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { BUILD_CANARIES, CANARY_MARKER } from "./support/build-canaries";

const ROOT = path.resolve(__dirname, "..");
const STATIC = path.join(ROOT, ".next/static");

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? filesUnder(full) : [full];
  });
}

/** Values too short or too common to mean anything if found (e.g. NODE_ENV=production, a shell's "1"). */
const meaningful = (name: string, value: string | undefined): value is string =>
  value !== undefined && value.length >= 12 && !name.startsWith("NEXT_PUBLIC_") && !/^(true|false|production|development|test)$/i.test(value);

test("no secret or server environment value is in any client file", () => {
  expect(existsSync(path.join(ROOT, CANARY_MARKER)), "the build under test was made by scripts/build-with-canaries.ts").toBe(true);
  const files = filesUnder(STATIC);
  expect(files.filter((f) => f.endsWith(".js")).length).toBeGreaterThan(10);
  const needles = new Map<string, string>();
  for (const [name, value] of [...Object.entries(process.env), ...Object.entries(BUILD_CANARIES)]) if (meaningful(name, value)) needles.set(name, value);
  const leaks: string[] = [];
  for (const file of files) {
    const text = readFileSync(file, "latin1");
    for (const [name, value] of needles) if (text.includes(value)) leaks.push(`${name} in ${path.relative(ROOT, file)}`);
  }
  expect(leaks).toEqual([]);
});

test("the scan finds a planted value: a NEXT_PUBLIC_ variable the client is allowed to see is there", () => {
  // Guards the scan itself: the build inlines NEXT_PUBLIC_* into client code, so a value planted
  // as one must be found by the same search that finds no secrets.
  const files = filesUnder(STATIC).filter((f) => f.endsWith(".js"));
  const found = files.some((f) => readFileSync(f, "latin1").includes(BUILD_CANARIES.NEXT_PUBLIC_SIGHTLINE_BUILD_LABEL));
  expect(found).toBe(true);
});
