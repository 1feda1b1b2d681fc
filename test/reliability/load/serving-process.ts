/**
 * The process actually serving a loopback port (`next start` may hand the work to a child), found
 * through /proc: the listening socket's inode in /proc/net/tcp{,6}, then the process holding it.
 * Linux only; the reliability suites run there.
 */
import { readFileSync, readdirSync, readlinkSync } from "node:fs";

/** Inodes of sockets listening (state 0A) on `port`, from the text of /proc/net/tcp or tcp6. */
export function listeningInodes(procNetTcp: string, port: number): string[] {
  const hexPort = port.toString(16).toUpperCase().padStart(4, "0");
  const inodes: string[] = [];
  for (const line of procNetTcp.split("\n").slice(1)) {
    const cols = line.trim().split(/\s+/);
    if (cols.length < 10) continue;
    const local = cols[1];
    if (local.slice(local.lastIndexOf(":") + 1) === hexPort && cols[3] === "0A") inodes.push(cols[9]);
  }
  return inodes;
}

/** The pid listening on `port`, or null. */
export function servingPid(port: number): number | null {
  const inodes = new Set<string>();
  for (const f of ["/proc/net/tcp", "/proc/net/tcp6"]) {
    try {
      for (const i of listeningInodes(readFileSync(f, "utf8"), port)) inodes.add(`socket:[${i}]`);
    } catch {
      // no IPv6 table
    }
  }
  if (inodes.size === 0) return null;
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    let fds: string[];
    try {
      fds = readdirSync(`/proc/${entry}/fd`);
    } catch {
      continue;
    }
    for (const fd of fds) {
      try {
        if (inodes.has(readlinkSync(`/proc/${entry}/fd/${fd}`))) return Number(entry);
      } catch {
        // fd closed meanwhile
      }
    }
  }
  return null;
}

/** VmRSS in bytes, from the text of /proc/<pid>/status; NaN when absent. */
export function parseVmRss(status: string): number {
  const m = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
  return m ? Number(m[1]) * 1024 : NaN;
}

export function rssBytes(pid: number): number {
  return parseVmRss(readFileSync(`/proc/${pid}/status`, "utf8"));
}
