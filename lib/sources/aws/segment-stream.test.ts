/**
 * BatchGetTraces answers read as they arrive, over the wire: the real SDK client against the AWS
 * test server (and, for a malformed answer, a bare HTTP server).
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { BatchGetTracesCommand } from "@aws-sdk/client-xray";
import { afterEach, describe, expect, it } from "vitest";
import { ApiError } from "../../http/api-error";
import type { AwsTestServer } from "../../../test/aws-server";
import { xrayClient } from "../../../test/aws-server/sdk-clients";
import type { Trace } from "../../model";
import { type Harness, type HarnessOptions, id, startHarness } from "./aws-test-setup";
import { batchGetXRayTraces } from "./aws-trace-fetch";
import { streamSegmentDocuments } from "./segment-stream";

const TRACE_ID = "1-6750a000-5c1a2b3c4d5e6f7a8b9c0d1e";
const T0 = 0x6750a000;
const BACKOFF = { baseMs: 1, maxMs: 5, retries: 2 };

/** A root segment and `count` child segments with two subsegments each, padded to a few hundred kilobytes in all. */
function documents(count: number): object[] {
  const hex = (n: number) => n.toString(16).padStart(16, "0");
  const docs: object[] = [
    { trace_id: TRACE_ID, id: hex(1), name: "gateway", start_time: T0, end_time: T0 + 2, http: { request: { method: "GET", url: "/orders" } } },
  ];
  for (let i = 0; i < count; i++) {
    docs.push({
      trace_id: TRACE_ID,
      id: hex(0x1000 + i),
      parent_id: hex(1),
      name: `svc-${i % 7}`,
      start_time: T0 + 0.01 + i * 0.001,
      end_time: T0 + 0.5 + i * 0.001,
      annotations: { note: `order "${i}" \\ ünïcödé ${"x".repeat(600)}` },
      subsegments: [
        { id: hex(0x100000 + 2 * i), name: "DynamoDB", namespace: "aws", start_time: T0 + 0.02 + i * 0.001, end_time: T0 + 0.1 + i * 0.001 },
        { id: hex(0x100001 + 2 * i), name: "render", start_time: T0 + 0.1 + i * 0.001, end_time: T0 + 0.2 + i * 0.001 },
      ],
    });
  }
  return docs;
}

const DOCUMENTS = documents(600);

let harness: Harness | null = null;
afterEach(async () => {
  await harness?.close();
  harness = null;
});

async function start(options: HarnessOptions = {}): Promise<Harness> {
  harness = await startHarness(options);
  harness.server.putSegments(DOCUMENTS);
  return harness;
}

async function trace(h: Harness, stream = true): Promise<Trace | null> {
  return (await batchGetXRayTraces(h.clients.xray, [id(TRACE_ID)], BACKOFF, { stream })).get(id(TRACE_ID).hex) ?? null;
}

describe("BatchGetTraces read as it arrives", () => {
  it("converts to the same trace as the answer read whole", async () => {
    const h = await start();
    const streamed = await trace(h);
    // Each DynamoDB call also has the inferred segment X-Ray adds for it.
    expect(streamed?.spans.length).toBe(1 + 600 * 4);
    expect(streamed).toEqual(await trace(h, false));
  });

  it("hands the documents over while the answer is still arriving, and the SDK reads only the skeleton", async () => {
    const h = await start();
    h.server.inject("BatchGetTraces", { kind: "trickle", bytesPerSecond: 4 * 1024 * 1024 });
    const command = new BatchGetTracesCommand({ TraceIds: [TRACE_ID] });
    const handed: number[] = [];
    const stream = streamSegmentDocuments(command, (traceId, docs) => {
      expect(traceId).toBe(TRACE_ID);
      handed.push(docs.length);
    });
    const output = await h.clients.xray.send(command);
    expect(stream.streamed).toBe(true);
    const segments = output.Traces?.[0]?.Segments ?? [];
    expect(segments.length).toBe(DOCUMENTS.length + 600);
    expect(handed.reduce((a, b) => a + b, 0)).toBe(segments.length);
    // Pieces of 64 KiB, paced: the documents come in several hand-overs, not one at the end.
    expect(handed.length).toBeGreaterThan(3);
    expect(segments.every((s) => s.Document === "")).toBe(true);
    expect(segments.slice(0, DOCUMENTS.length).map((s) => s.Id)).toEqual(DOCUMENTS.map((d) => (d as { id: string }).id));
    expect(output.Traces?.[0]?.Id).toBe(TRACE_ID);
  });

  it.each([
    ["after documents were converted is read again, whole", 300_000],
    ["before any document is the SDK's to retry, as before", 20],
  ])("an answer that breaks off %s: the same trace", async (_, afterBytes) => {
    const h = await start({ clients: { maxAttempts: 3 } });
    const whole = await trace(h, false);
    h.server.inject("BatchGetTraces", { kind: "cutAnswer", afterBytes });
    expect(await trace(h)).toEqual(whole);
    expect(h.calls("BatchGetTraces").map((c) => c.fault ?? "ok")).toEqual(["ok", "cutAnswer", "ok"]);
  });

  it("without retries, an answer broken off before any document is the same error either way", async () => {
    const h = await start();
    const errors: [number, string][] = [];
    for (const stream of [true, false]) {
      h.server.inject("BatchGetTraces", { kind: "cutAnswer", afterBytes: 20 });
      const error = await trace(h, stream).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ApiError);
      errors.push([(error as ApiError).status, (error as ApiError).code]);
    }
    expect(errors[0]).toEqual(errors[1]);
  });

  it("a malformed answer is reported as the SDK reports it", async () => {
    const answer = `{"Traces":[{"Id":"${TRACE_ID}","Segments":[{"Id":"a","Document":"{\\"id\\":\\"0000000000000001\\"}"} "x"]}]}`;
    const bare = createServer((_, res) => {
      res.writeHead(200, { "content-type": "application/json", "content-length": String(Buffer.byteLength(answer)) });
      res.end(answer);
    });
    await new Promise<void>((resolve) => bare.listen(0, "127.0.0.1", resolve));
    try {
      const { port } = bare.address() as AddressInfo;
      const xray = xrayClient({ url: `http://127.0.0.1:${port}` } as AwsTestServer);
      const outcomes: [number, string][] = [];
      for (const stream of [true, false]) {
        const error = await batchGetXRayTraces(xray, [id(TRACE_ID)], BACKOFF, { stream }).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(ApiError);
        outcomes.push([(error as ApiError).status, (error as ApiError).code]);
      }
      expect(outcomes[0]).toEqual(outcomes[1]);
    } finally {
      await new Promise<void>((resolve) => bare.close(() => resolve()));
    }
  });
});
