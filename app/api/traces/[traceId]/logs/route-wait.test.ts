/** GET /api/traces/{id}/logs rejects a bad `waitMs` with a 400 naming it, before asking any source. */
import { describe, expect, it } from "vitest";
import { GET } from "./route";
import { LAMBDA_TRACE_ID } from "@/test/aws-server/sdk-clients";

async function get(query: string): Promise<{ status: number; body: unknown }> {
  const request = new Request(`http://localhost/api/traces/${LAMBDA_TRACE_ID}/logs${query}`);
  const res = await GET(request, { params: Promise.resolve({ traceId: LAMBDA_TRACE_ID }) });
  return { status: res.status, body: await res.json() };
}

describe("GET /api/traces/{id}/logs?waitMs=", () => {
  it.each(["abc", "-1", "1.5", "5001", "1e3", "0x10"])("answers 400 naming waitMs for %s", async (raw) => {
    const { status, body } = await get(`?waitMs=${encodeURIComponent(raw)}`);
    expect(status).toBe(400);
    expect(body).toEqual({ error: { code: "invalid_waitMs", message: expect.stringMatching(/^waitMs: .*0 to 5000/) } });
  });
});
