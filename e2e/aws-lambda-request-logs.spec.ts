/**
 * aws mode, issue 13: a Lambda function's own log line that carries only its invocation's request
 * ID (the runtime's `<time>\t<request ID>\tINFO\t…` text line, never the trace ID) is found by the
 * request pass in the function's group, tagged as such, and attached to the function's span.
 */
import { randomUUID } from "node:crypto";
import { expect, test } from "@playwright/test";
import { AWS_CONTROL_PORT } from "./support/ports";
import { randomHex, xrayStyleTraceId } from "./support/otlp-json";

const control = `http://127.0.0.1:${AWS_CONTROL_PORT}`;
const FUNCTION = `e2e-charge-fn-${randomHex(3)}`;
const CHARGED_LINE = "charged card ending 4242 for order 1138";

let traceId = "";
let functionSegment = "";

async function post(path: string, body: unknown): Promise<void> {
  const res = await fetch(`${control}${path}`, { method: "POST", body: JSON.stringify(body) });
  expect(res.status, `control ${path}`).toBe(204);
}

test.beforeAll(async () => {
  const start = Date.now() - 10 * 60_000;
  traceId = xrayStyleTraceId(start);
  const xrayId = `1-${traceId.slice(0, 8)}-${traceId.slice(8)}`;
  const requestId = randomUUID();
  const invocation = randomHex(8);
  functionSegment = randomHex(8);
  const seconds = (ms: number) => ms / 1000;
  await post("/segments", [
    // The Lambda service's view of the invocation: it names the request ID.
    {
      trace_id: xrayId,
      id: invocation,
      name: FUNCTION,
      origin: "AWS::Lambda",
      start_time: seconds(start),
      end_time: seconds(start + 900),
      http: { response: { status: 200 } },
      aws: { request_id: requestId },
    },
    // The function's own segment, under it.
    {
      trace_id: xrayId,
      id: functionSegment,
      parent_id: invocation,
      name: FUNCTION,
      origin: "AWS::Lambda::Function",
      start_time: seconds(start + 20),
      end_time: seconds(start + 880),
      aws: { function_arn: `arn:aws:lambda:us-east-1:123456789012:function:${FUNCTION}`, resource_names: [FUNCTION], account_id: "123456789012" },
    },
  ]);
  await post("/logs", {
    group: `/aws/lambda/${FUNCTION}`,
    stream: "2026/12/06/[$LATEST]e2e",
    events: [
      { timestamp: start + 10, message: `START RequestId: ${requestId} Version: $LATEST` },
      { timestamp: start + 400, message: `${new Date(start + 400).toISOString()}\t${requestId}\tINFO\t${CHARGED_LINE}` },
      { timestamp: start + 500, message: `${new Date(start + 500).toISOString()}\t${randomUUID()}\tINFO\tanother invocation's line` },
    ],
  });
});

test("the logs API gives the function's line found by its request ID, attached to the function's span", async ({ request }) => {
  let body: { status: string; events: { message: string; pass?: string; spanId: string | null; logGroup: string }[]; passes?: { pass: string }[] };
  await expect(async () => {
    body = await (await request.get(`/api/traces/${traceId}/logs?waitMs=2000`)).json();
    expect(body.status).toBe("complete");
  }).toPass({ timeout: 30_000 });
  const charged = body!.events.find((e) => e.message.includes(CHARGED_LINE));
  expect(charged).toMatchObject({ pass: "request", spanId: functionSegment, logGroup: `/aws/lambda/${FUNCTION}` });
  expect(body!.events.some((e) => e.message.includes("another invocation"))).toBe(false);
  expect(body!.passes?.map((p) => p.pass)).toContain("request");
});

test("the trace page shows the line with a 'req ID' tag, and selecting it selects the function's span", async ({ page }) => {
  await page.goto(`/trace/${traceId}`);
  const row = page.getByTestId("log-row").filter({ hasText: CHARGED_LINE });
  await expect(row).toBeVisible({ timeout: 30_000 });
  await expect(row).toHaveAttribute("data-pass", "request");
  await expect(row.getByTestId("log-pass-request")).toHaveText("req ID");
  await row.click();
  await expect(page.locator(`[data-testid="span-row"][data-span-id="${functionSegment}"]`)).toHaveAttribute("data-selected", "true");
});
