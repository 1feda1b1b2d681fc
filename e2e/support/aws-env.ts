/**
 * The environment of an app in `aws` mode against the wire-level AWS test server: fake static
 * credentials in us-east-1, the journeys' log groups, its own DATA_DIR. One definition for the
 * journeys that start their own aws-mode app, the standalone server's aws journey, the
 * reliability suites and the benchmarks (test/reliability/processes.ts: awsModeEnv);
 * e2e/support/serve-aws.sh, a shell script, sets the same values.
 */
import { AWS_ENDPOINT_PORT } from "./ports";

/** The fake credentials the AWS test server accepts (it checks the signature's form, not the key). */
const AWS_TEST_CREDENTIALS = { AWS_ACCESS_KEY_ID: "AKIASIGHTLINETEST", AWS_SECRET_ACCESS_KEY: "sightline-test-secret" } as const;

/**
 * `DATA_SOURCE=aws` against the shared AWS test server of the journeys (AWS_ENDPOINT_PORT), with
 * `LOG_GROUPS=/sightline-e2e/*` and `DATA_DIR=dataDir`; `settings` adds variables or replaces
 * these (another AWS_ENDPOINT_URL, LOG_GROUPS…).
 */
export function awsTestEnv(dataDir: string, settings: Readonly<Record<string, string>> = {}): Record<string, string> {
  return {
    DATA_SOURCE: "aws",
    AWS_ENDPOINT_URL: `http://127.0.0.1:${AWS_ENDPOINT_PORT}`,
    AWS_REGION: "us-east-1",
    ...AWS_TEST_CREDENTIALS,
    LOG_GROUPS: "/sightline-e2e/*",
    DATA_DIR: dataDir,
    ...settings,
  };
}
