/**
 * Child processes the reliability suites own: the production build (local or aws mode) and the
 * wire-level AWS test server, each started on loopback ports and stopped for sure at the end.
 */
import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";
import { startAppServer, waitForExit, type AppServer } from "../../e2e/support/app-server";
import { awsTestEnv } from "../../e2e/support/aws-env";

const ROOT = path.resolve(__dirname, "../..");
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export interface AwsTestServer {
  /** The endpoint the app's SDK clients talk to (AWS_ENDPOINT_URL). */
  endpoint: string;
  /** The control API: POST /segments /logs /inject /configure /reset /clear, GET /calls. */
  control: string;
  process: ChildProcess;
  output(): string;
}

/** The AWS test server through tsx, in its own process group (tsx runs the script in a child). */
export async function startAwsTestServer(port: number, controlPort: number): Promise<AwsTestServer> {
  let output = "";
  const child = spawn(path.join(ROOT, "node_modules/.bin/tsx"), ["test/aws-server/cli.ts", "--port", String(port), "--control-port", String(controlPort)], {
    cwd: ROOT,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr?.on("data", (d: Buffer) => (output += d.toString()));
  const control = `http://127.0.0.1:${controlPort}`;
  const server: AwsTestServer = { endpoint: `http://127.0.0.1:${port}`, control, process: child, output: () => output };
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the AWS test server exited with ${child.exitCode}:\n${output}`);
    try {
      if ((await fetch(`${control}/calls`)).ok) return server;
    } catch {
      // not listening yet
    }
    await sleep(100);
  }
  killGroup(child, "SIGKILL");
  throw new Error(`the AWS test server did not open its control port within 30 s:\n${output}`);
}

/** Environment of the app in aws mode against `server`, with fake credentials. */
export function awsModeEnv(server: AwsTestServer, dataDir: string, logGroups = "/sightline-e2e/*"): Record<string, string> {
  return awsTestEnv(dataDir, {
    AWS_ENDPOINT_URL: server.endpoint,
    LOG_GROUPS: logGroups,
    // These suites start hundreds of log searches a minute from one address on purpose; the
    // per-user rate has its own journey (e2e/aws-budget.spec.ts) and unit tests.
    LOGS_SEARCHES_PER_USER_PER_MINUTE: "1000000",
  });
}

export { startAppServer, type AppServer };

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // already gone
  }
}

/** SIGTERM, then SIGKILL after 5 s. `group` for children started detached (the test server). */
export async function stopChild(child: ChildProcess, group = false): Promise<void> {
  if (group) killGroup(child, "SIGTERM");
  else child.kill("SIGTERM");
  const exited = await Promise.race([waitForExit(child).then(() => true), sleep(5000).then(() => false)]);
  if (!exited) {
    if (group) killGroup(child, "SIGKILL");
    else child.kill("SIGKILL");
    await waitForExit(child);
  }
}

/** Immediate SIGKILL of every child in `children` (hard stops and signals). */
export function killNow(children: readonly (ChildProcess | undefined)[], groups: readonly ChildProcess[] = []): void {
  for (const c of children) if (c && c.exitCode === null) c.kill("SIGKILL");
  for (const g of groups) killGroup(g, "SIGKILL");
}
