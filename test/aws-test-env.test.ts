/**
 * One aws-mode environment for the journeys, the reliability suites and the benchmarks
 * (e2e/support/aws-env.ts), and the shell script of the shared aws journeys' app
 * (e2e/support/serve-aws.sh), which cannot import it, sets the same values.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { awsTestEnv } from "../e2e/support/aws-env";
import { AWS_ENDPOINT_PORT } from "../e2e/support/ports";
import { awsModeEnv } from "./reliability/processes";

/** `export A=x B="y"` lines of a shell script, as name → value (quotes removed). */
function exported(script: string): Record<string, string> {
  const values: Record<string, string> = {};
  for (const line of script.split("\n")) {
    const m = /^export\s+(.*)$/.exec(line.trim());
    if (!m) continue;
    for (const a of m[1].matchAll(/([A-Z_][A-Z0-9_]*)=("[^"]*"|\S+)/g)) values[a[1]] = a[2].replace(/^"(.*)"$/, "$1");
  }
  return values;
}

describe("awsTestEnv", () => {
  it("points at the journeys' AWS test server with fake credentials, and lets a caller replace or add a variable", () => {
    const env = awsTestEnv("/tmp/d", { LOG_GROUPS: "/other/*", TRACE_STORE: "spans" });
    expect(env).toEqual({
      DATA_SOURCE: "aws",
      AWS_ENDPOINT_URL: `http://127.0.0.1:${AWS_ENDPOINT_PORT}`,
      AWS_REGION: "us-east-1",
      AWS_ACCESS_KEY_ID: "AKIASIGHTLINETEST",
      AWS_SECRET_ACCESS_KEY: "sightline-test-secret",
      LOG_GROUPS: "/other/*",
      DATA_DIR: "/tmp/d",
      TRACE_STORE: "spans",
    });
  });

  it("is what the reliability suites' awsModeEnv builds on (their own server, a searches rate they do not hit)", () => {
    const server = { endpoint: "http://127.0.0.1:9", control: "", process: null as never, output: () => "" };
    expect(awsModeEnv(server, "/tmp/r")).toEqual(
      awsTestEnv("/tmp/r", { AWS_ENDPOINT_URL: "http://127.0.0.1:9", LOGS_SEARCHES_PER_USER_PER_MINUTE: "1000000" }),
    );
  });

  it("sets what e2e/support/serve-aws.sh exports for the shared aws journeys' app", () => {
    const script = exported(readFileSync(path.join(__dirname, "../e2e/support/serve-aws.sh"), "utf8"));
    const env = awsTestEnv("unused");
    for (const name of ["DATA_SOURCE", "AWS_REGION", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "LOG_GROUPS"]) {
      expect(script[name], name).toBe(env[name]);
    }
    expect(script.AWS_ENDPOINT_URL).toBe("http://127.0.0.1:$ENDPOINT_PORT");
  });
});
