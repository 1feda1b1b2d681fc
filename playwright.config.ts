import { defineConfig } from "@playwright/test";
import { AWS_APP_PORT, AWS_CONTROL_PORT, AWS_ENDPOINT_PORT, AWS_PROXY_PORT, E2E_PORT } from "./e2e/support/ports";

// Debian's Chromium, with the flags this closed network needs; never a downloaded browser.
export const chromiumLaunch = {
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
  ],
};

export default defineConfig({
  testDir: "e2e",
  testMatch: "**/*.spec.ts",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  reporter: [["list"], ["json", { outputFile: "reports/playwright.json" }]],
  projects: [
    { name: "local", testIgnore: ["aws-*.spec.ts", "snapshots.spec.ts", "snapshots-replicas.spec.ts"], use: { baseURL: `http://127.0.0.1:${E2E_PORT}` } },
    // The trace-page journeys again, and upstream faults, with DATA_SOURCE=aws against the
    // wire-level AWS test server, behind AUTH_MODE=proxy: the browser talks to a stand-in authenticating proxy
    // (e2e/support/auth-proxy.ts) that signs every request in as sre@example.com. Journeys that start
    // aws-mode servers of their own use the same AWS test server (aws-budget, snapshots-replicas).
    {
      name: "aws",
      testMatch: ["trace-page.spec.ts", "aws-*.spec.ts", "snapshots.spec.ts", "snapshots-replicas.spec.ts"],
      use: { baseURL: `http://127.0.0.1:${AWS_PROXY_PORT}` },
    },
  ],
  use: {
    browserName: "chromium",
    launchOptions: chromiumLaunch,
    viewport: { width: 1440, height: 900 },
    trace: "off",
  },
  // SIGHTLINE_E2E_SERVERS=none: for journeys that start their own server (scripts/node24.sh runs
  // e2e/standalone.spec.ts alone on Node 24).
  webServer:
    process.env.SIGHTLINE_E2E_SERVERS === "none"
      ? []
      : [
          {
            command: `bash e2e/support/serve.sh ${E2E_PORT}`,
            url: `http://127.0.0.1:${E2E_PORT}/api/health`,
            reuseExistingServer: false,
            timeout: 120_000,
            stdout: "pipe",
          },
          {
            command: `node_modules/.bin/tsx test/aws-server/cli.ts --port ${AWS_ENDPOINT_PORT} --control-port ${AWS_CONTROL_PORT}`,
            url: `http://127.0.0.1:${AWS_CONTROL_PORT}/calls`,
            reuseExistingServer: false,
            timeout: 60_000,
          },
          {
            command: `bash e2e/support/serve-aws.sh ${AWS_APP_PORT} ${AWS_ENDPOINT_PORT} ${AWS_PROXY_PORT}`,
            url: `http://127.0.0.1:${AWS_APP_PORT}/api/health`,
            reuseExistingServer: false,
            timeout: 120_000,
            stdout: "pipe",
          },
          {
            command: `node_modules/.bin/tsx e2e/support/auth-proxy.ts --port ${AWS_PROXY_PORT} --target ${AWS_APP_PORT} --user sre@example.com`,
            url: `http://127.0.0.1:${AWS_PROXY_PORT}/api/health`,
            reuseExistingServer: false,
            timeout: 120_000,
          },
        ],
});
