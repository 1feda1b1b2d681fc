/**
 * The processes below one process (Linux /proc): run.ts stops a suite's servers when the suite runs
 * past its time limit, since the suite itself is then abandoned and would never stop them. Without
 * this, a timed-out suite's servers outlived `npm test` and kept 2 cores busy for the next run.
 */
import { readdirSync, readFileSync } from "node:fs";

/** Every descendant of `root` (children first found, then theirs), read once from /proc; [] off Linux. */
export function descendantsOf(root: number): number[] {
  let entries: string[];
  try {
    entries = readdirSync("/proc").filter((e) => /^\d+$/.test(e));
  } catch {
    return [];
  }
  const children = new Map<number, number[]>();
  for (const e of entries) {
    let stat: string;
    try {
      stat = readFileSync(`/proc/${e}/stat`, "utf8");
    } catch {
      continue; // exited meanwhile
    }
    // "pid (comm) state ppid …": comm may hold spaces and parentheses, so read after the last ")".
    const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
    const list = children.get(ppid) ?? [];
    list.push(Number(e));
    children.set(ppid, list);
  }
  const found: number[] = [];
  const queue = [root];
  while (queue.length) {
    for (const child of children.get(queue.shift()!) ?? []) {
      found.push(child);
      queue.push(child);
    }
  }
  return found;
}

/** SIGKILL to every descendant of `root`; returns how many were signalled. */
export function killDescendants(root: number): number {
  let killed = 0;
  for (const pid of descendantsOf(root)) {
    try {
      process.kill(pid, "SIGKILL");
      killed++;
    } catch {
      // already gone
    }
  }
  return killed;
}
