/** Readiness in aws mode: AWS reachable with the configured credentials, checked at most once per interval. */
import { expect, test } from "@playwright/test";
import { AWS_APP_PORT, AWS_CONTROL_PORT } from "./support/ports";

interface Call {
  op: string;
  input: Record<string, unknown>;
}

const readinessCalls = async () => {
  const calls = (await (await fetch(`http://127.0.0.1:${AWS_CONTROL_PORT}/calls`)).json()) as Call[];
  return calls.filter((c) => c.op === "GetTraceSegmentDestination" || (c.op === "DescribeLogGroups" && c.input.limit === 1)).length;
};

test("/api/ready is open without a login, says ready, and 20 probes cost at most one call per service", async () => {
  const before = await readinessCalls();
  // Straight to the app, past the authenticating proxy: a load balancer's probe carries no user.
  const url = `http://127.0.0.1:${AWS_APP_PORT}/api/ready`;
  const answers = await Promise.all(Array.from({ length: 10 }, () => fetch(url)));
  for (let i = 0; i < 10; i++) answers.push(await fetch(url));
  for (const res of answers) {
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
  }
  const body = await answers[answers.length - 1].json();
  expect(body).toMatchObject({
    status: "ready",
    ready: true,
    source: "aws",
    checks: {
      aws: {
        services: [
          { service: "xray", reachable: true },
          { service: "logs", reachable: true },
        ],
      },
    },
  });
  expect((await readinessCalls()) - before).toBeLessThanOrEqual(2);
  // Every other route still needs the proxy's user.
  expect((await fetch(`http://127.0.0.1:${AWS_APP_PORT}/api/traces`)).status).toBe(401);
});
