/** The AWS test server's control API, for what seeding does not cover. */
import { expect } from "@playwright/test";
import { AWS_CONTROL_PORT } from "./ports";

/** Drops every X-Ray segment and log event: retention and log-group expiry, at once. */
export async function clearAwsData(): Promise<void> {
  const res = await fetch(`http://127.0.0.1:${AWS_CONTROL_PORT}/clear`, { method: "POST" });
  expect(res.status, "control /clear").toBe(204);
}
