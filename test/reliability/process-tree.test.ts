import { spawn } from "node:child_process";
import { afterEach, expect, test } from "vitest";
import { descendantsOf, killDescendants } from "./process-tree";

const started: number[] = [];
afterEach(() => {
  for (const pid of started.splice(0)) {
    try {
      process.kill(pid, "SIGKILL");
    } catch {
      // gone
    }
  }
});

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

test.runIf(process.platform === "linux")("finds children and grandchildren, detached ones included, and kills them all", async () => {
  // A detached shell (its own process group, as the AWS test server is started) with a child of its own.
  const shell = spawn("sh", ["-c", "sleep 30 & wait"], { detached: true, stdio: "ignore" });
  started.push(shell.pid!);
  let below: number[] = [];
  for (let i = 0; i < 100 && below.length === 0; i++) {
    await new Promise((r) => setTimeout(r, 20));
    below = descendantsOf(shell.pid!);
  }
  expect(descendantsOf(process.pid)).toEqual(expect.arrayContaining([shell.pid, ...below]));
  const grandchild = below[0];
  expect(grandchild).toBeGreaterThan(0);
  started.push(grandchild);

  expect(killDescendants(shell.pid!)).toBe(1);
  await new Promise((r) => setTimeout(r, 100));
  expect(alive(grandchild)).toBe(false);
  expect(descendantsOf(shell.pid!)).toEqual([]);
});
