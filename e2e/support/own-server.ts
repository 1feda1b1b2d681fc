/**
 * A spec's own server and store, for journeys whose data would crowd the shared store or that need
 * settings of their own: a temporary DATA_DIR, the standalone server started before the spec's
 * tests and killed after them, and the store deleted. Call it at a spec's top level (it registers
 * the spec's first beforeAll and an afterAll); the function it returns gives the running server.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { test } from "@playwright/test";
import { startAppServer, waitForExit, type AppServer } from "./app-server";

export function ownAppServer(port: number, name: string, env: Record<string, string> = {}): () => AppServer {
  let server: AppServer | undefined;
  let dataDir: string | undefined;
  test.beforeAll(async () => {
    test.setTimeout(120_000);
    dataDir = mkdtempSync(path.join(tmpdir(), `sightline-${name}-`));
    server = await startAppServer(port, { ...env, DATA_DIR: dataDir });
  });
  test.afterAll(async () => {
    if (server) {
      server.process.kill("SIGKILL");
      await waitForExit(server.process);
    }
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });
  return () => {
    if (!server) throw new Error(`the ${name} journey's server is not running`);
    return server;
  };
}
