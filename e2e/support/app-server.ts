/**
 * Starts the production build as a child process this test owns (so it can SIGKILL it): the
 * standalone server (`node server.js`, scripts/build-standalone.sh), as deployed.
 */
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";

const ROOT = path.resolve(__dirname, "../..");
/** The assembled standalone folder's server (npm test and scripts/ensure-build.sh assemble it). */
export const STANDALONE_SERVER = ".next/standalone/server.js";

export interface AppServer {
  url: string;
  process: ChildProcess;
  output(): string;
}

/**
 * `host`: the listen address (loopback unless a test needs the server reachable from elsewhere);
 * `serverJs`: another assembled build's server.js (a benchmark's A/B against a baseline build).
 */
export async function startAppServer(
  port: number,
  env: Record<string, string>,
  host = "127.0.0.1",
  serverJs = path.join(ROOT, STANDALONE_SERVER),
): Promise<AppServer> {
  let output = "";
  // server.js runs from its own folder: a relative DATA_DIR means the repository's.
  const dataDir = env.DATA_DIR ?? process.env.DATA_DIR;
  const child = spawn(process.execPath, [serverJs], {
    cwd: ROOT,
    env: { ...process.env, ...env, HOSTNAME: host, PORT: String(port), ...(dataDir ? { DATA_DIR: path.resolve(ROOT, dataDir) } : {}) },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout!.on("data", (d) => (output += d));
  child.stderr!.on("data", (d) => (output += d));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}:\n${output}`);
    try {
      if ((await fetch(`${url}/api/health`)).ok) return { url, process: child, output: () => output };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  child.kill("SIGKILL");
  throw new Error(`server did not start within 60 s:\n${output}`);
}

export function waitForExit(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once("exit", () => resolve()));
}
