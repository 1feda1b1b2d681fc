/**
 * The deployable build as it runs in production: `node server.js` in the standalone folder
 * (scripts/build-standalone.sh), not `next start`. SIGHTLINE_STANDALONE_DIR and
 * SIGHTLINE_STANDALONE_NODE choose the folder and the runtime (scripts/node24.sh: Node 24 and a
 * copy whose native addon is built for it); by default .next/standalone on this Node.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";

const ROOT = path.resolve(__dirname, "../..");

const STANDALONE_DIR = path.resolve(ROOT, process.env.SIGHTLINE_STANDALONE_DIR ?? ".next/standalone");
export const STANDALONE_NODE = process.env.SIGHTLINE_STANDALONE_NODE ?? process.execPath;

export interface StandaloneServer {
  url: string;
  process: ChildProcess;
  output(): string;
  /** Resolves with the exit code (null when killed by a signal) once the process has exited. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export async function startStandalone(port: number, env: Record<string, string>): Promise<StandaloneServer> {
  if (!existsSync(path.join(STANDALONE_DIR, "server.js")) || !existsSync(path.join(STANDALONE_DIR, ".next/static"))) {
    throw new Error(`${STANDALONE_DIR} is not an assembled standalone folder: run bash scripts/build-standalone.sh --no-build`);
  }
  const url = `http://127.0.0.1:${port}`;
  // A server left over on the port would answer the health checks in this one's place.
  const leftover = await fetch(`${url}/api/health`).then(
    () => true,
    () => false,
  );
  if (leftover) throw new Error(`port ${port} is already serving: stop what runs there`);
  let output = "";
  const child = spawn(STANDALONE_NODE, ["server.js"], {
    cwd: STANDALONE_DIR,
    // Only what a container would be given: no inherited NODE_OPTIONS, no planted build secrets.
    env: { PATH: process.env.PATH ?? "/usr/bin:/bin", NODE_ENV: "production", HOSTNAME: "127.0.0.1", PORT: String(port), ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once("exit", (code, signal) => resolve({ code, signal })),
  );
  child.stdout!.on("data", (d) => (output += d));
  child.stderr!.on("data", (d) => (output += d));
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`standalone server exited with ${child.exitCode}:\n${output}`);
    try {
      if ((await fetch(`${url}/api/health`)).ok) return { url, process: child, output: () => output, exited };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  child.kill("SIGKILL");
  throw new Error(`standalone server did not start within 60 s:\n${output}`);
}
