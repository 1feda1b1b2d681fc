/**
 * A wire-level AWS test server for Sightline's `aws` source: X-Ray (REST-JSON) and CloudWatch
 * Logs (JSON 1.1) on one endpoint, for the real SDK clients through `AWS_ENDPOINT_URL`.
 * See README.md beside this file for what it implements and what it assumes.
 */
export { startAwsTestServer } from "./server";
export type { AwsTestServer } from "./types";
