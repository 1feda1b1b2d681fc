/**
 * Endurance (c): the app started as an unprivileged user (nobody, through setpriv) with a DATA_DIR
 * it may not write (owned by root, mode 0755) stops at start-up: exit status non-zero, one line
 * naming the directory and the cause (EACCES), no stack, and nothing created. Also with a DATA_DIR
 * that does not exist under such a parent. Needs root (to become nobody); otherwise the check fails
 * saying so.
 */
import { spawn } from "node:child_process";
import { chmodSync, cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { check, type Check } from "../report";
import { STANDALONE_SERVER, waitForExit } from "../../../e2e/support/app-server";

const ROOT = path.resolve(__dirname, "../../..");
const EXIT_WITHIN_MS = 45_000;

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  output: string;
  timedOut: boolean;
}

async function startAsNobody(server: string, port: number, dataDir: string): Promise<Run> {
  let output = "";
  const child = spawn("setpriv", ["--reuid=nobody", "--regid=nogroup", "--clear-groups", process.execPath, server], {
    cwd: path.dirname(server),
    env: { ...process.env, DATA_DIR: dataDir, DATA_SOURCE: "local", HOME: os.tmpdir(), HOSTNAME: "127.0.0.1", PORT: String(port) },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr.on("data", (d: Buffer) => (output += d.toString()));
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    child.kill("SIGKILL");
  }, EXIT_WITHIN_MS);
  await waitForExit(child);
  clearTimeout(timer);
  return { code: child.exitCode, signal: child.signalCode, output, timedOut };
}

/**
 * The first folder on the way to `file` that user nobody may not pass (no execute bit for others),
 * or `file` itself when others may not read it; null when nobody can reach it. A checkout in a
 * `mktemp -d` folder (mode 0700) is the usual case: the app would then fail as "Cannot find
 * module", for a reason that has nothing to do with DATA_DIR.
 */
export function unreachableByOthers(file: string): string | null {
  if ((statSync(file).mode & 0o004) === 0) return file;
  for (let dir = path.dirname(file); ; dir = path.dirname(dir)) {
    if ((statSync(dir).mode & 0o001) === 0) return dir;
    if (dir === path.dirname(dir)) return null;
  }
}

/** The output lines that speak of the problem: those naming the directory or the cause. */
function problemLines(output: string, dataDir: string): string[] {
  return output.split("\n").filter((l) => l.includes(dataDir) || /EACCES|permission denied/i.test(l));
}

function judge(label: string, run: Run, dataDir: string, createdBefore: string[], createdAfter: string[] | null): Check[] {
  const lines = problemLines(run.output, dataDir);
  const line = lines[0] ?? "";
  const stack = run.output.split("\n").filter((l) => /^\s+at /.test(l));
  return [
    check(
      `${label}: start-up fails with a non-zero exit status`,
      !run.timedOut && run.code !== null && run.code !== 0,
      run.timedOut ? `still running after ${EXIT_WITHIN_MS / 1000} s:\n${run.output}` : `exit ${run.code} signal ${run.signal}\n${run.output}`,
    ),
    check(
      `${label}: one line says why, naming the directory and EACCES`,
      lines.length === 1 && line.includes(dataDir) && line.includes("EACCES") && stack.length === 0,
      lines.length === 1 && stack.length === 0 ? line : `${lines.length} lines about it, ${stack.length} stack lines:\n${run.output}`,
    ),
    check(
      `${label}: nothing is half-created`,
      createdAfter !== null && createdAfter.join() === createdBefore.join(),
      `before: [${createdBefore.join(", ")}], after: [${createdAfter?.join(", ") ?? "?"}]`,
    ),
  ];
}

/** The checks, and the line the app printed for the first case (for the report). */
export async function unwritableDataDir(port: number): Promise<{ checks: Check[]; line?: string }> {
  if (process.getuid?.() !== 0) {
    return {
      checks: [
        check(
          "start-up with an unwritable DATA_DIR fails clearly (run as nobody)",
          false,
          `needs root to run the app as nobody; this process runs as uid ${process.getuid?.()}`,
        ),
      ],
    };
  }
  const parent = mkdtempSync(path.join(os.tmpdir(), "sightline-unwritable-"));
  let copied: string | null = null;
  try {
    chmodSync(parent, 0o755);
    let server = path.join(ROOT, STANDALONE_SERVER);
    // A checkout nobody may not reach (a `mktemp -d` folder is mode 0700): the standalone server
    // is copied to a folder of its own that others may read, its relative links kept, and started from there.
    if (unreachableByOthers(server)) {
      copied = mkdtempSync(path.join(os.tmpdir(), "sightline-standalone-"));
      chmodSync(copied, 0o755);
      const copy = path.join(copied, "standalone");
      cpSync(path.dirname(server), copy, { recursive: true, verbatimSymlinks: true });
      server = path.join(copy, path.basename(server));
      const blocked = unreachableByOthers(server);
      if (blocked) {
        const mode = (statSync(blocked).mode & 0o777).toString(8).padStart(4, "0");
        return {
          checks: [
            check(
              "start-up with an unwritable DATA_DIR fails clearly (run as nobody)",
              false,
              `user nobody cannot reach ${server}: ${blocked} is mode ${mode}`,
            ),
          ],
        };
      }
    }
    const ls = (dir: string) => {
      try {
        return readdirSync(dir).sort();
      } catch {
        return null;
      }
    };
    // 1. DATA_DIR exists, owned by root, 0755: nobody may read it but not write it.
    const owned = path.join(parent, "data");
    mkdirSync(owned, { mode: 0o755 });
    chmodSync(owned, 0o755);
    const run1 = await startAsNobody(server, port, owned);
    if (/setpriv: /.test(run1.output) && !run1.output.includes("Next.js")) {
      return {
        checks: [check("start-up with an unwritable DATA_DIR fails clearly (run as nobody)", false, `setpriv could not switch to nobody:\n${run1.output}`)],
      };
    }
    const checks = judge("DATA_DIR owned by root, 0755", run1, owned, [], ls(owned));
    // 2. DATA_DIR missing, under that same parent (owned by root, 0755): it cannot be created.
    const absent = path.join(parent, "missing", "data");
    const run2 = await startAsNobody(server, port, absent);
    checks.push(...judge("DATA_DIR missing under a root-owned 0755 parent", run2, path.join(parent, "missing"), ["data"], ls(parent)));
    return { checks, line: problemLines(run1.output, owned)[0] };
  } finally {
    rmSync(parent, { recursive: true, force: true });
    if (copied) rmSync(copied, { recursive: true, force: true });
  }
}
