import { describe, expect, it } from "vitest";
import { ApiError } from "./api-error";
import { readBody } from "./read-body";

/** A streamed (chunked) body of `chunks` × `size` bytes that counts what was read of it. */
function counted(chunks: number, size: number) {
  const stats = { pulled: 0, cancelled: false };
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (stats.pulled >= chunks) return controller.close();
      stats.pulled += 1;
      controller.enqueue(new Uint8Array(size));
    },
    cancel() {
      stats.cancelled = true;
    },
  });
  const request = new Request("http://x/v1/traces", { method: "POST", body, duplex: "half" } as RequestInit);
  return { request, stats };
}

async function rejection(p: Promise<unknown>): Promise<ApiError> {
  try {
    await p;
  } catch (err) {
    if (ApiError.is(err)) return err;
    throw err;
  }
  throw new Error("expected a rejection");
}

describe("readBody", () => {
  it("returns a body within the limit whole", async () => {
    const { request } = counted(3, 100);
    expect((await readBody(request, 300, "TEST_LIMIT")).byteLength).toBe(300);
  });

  it("refuses a declared Content-Length past the limit without reading, naming the setting", async () => {
    const request = new Request("http://x/", { method: "POST", body: new Uint8Array(10), headers: { "content-length": "10" } });
    const err = await rejection(readBody(request, 5, "TEST_LIMIT"));
    expect([err.status, err.code]).toEqual([413, "body_too_large"]);
    expect(err.message).toContain("limit of 5 bytes (TEST_LIMIT)");
  });

  it("reads the rest of an oversized streamed body before answering 413, so the connection stays usable", async () => {
    const { request, stats } = counted(10, 100);
    const err = await rejection(readBody(request, 250, "TEST_LIMIT"));
    expect(err.status).toBe(413);
    expect(stats.pulled).toBe(10);
    expect(stats.cancelled).toBe(false);
  });

  it("gives up on a body that goes on past four times the limit", async () => {
    const { request, stats } = counted(1_000_000, 100);
    const err = await rejection(readBody(request, 250, "TEST_LIMIT"));
    expect(err.status).toBe(413);
    expect(stats.cancelled).toBe(true);
    expect(stats.pulled).toBeLessThan(20);
  });
});
