import { describe, expect, it } from "vitest";
import { StoreFullError } from "../sources/local/store/store-full";
import { STORE_FULL_RETRY_AFTER_S, storeFullResponse } from "./store-full-response";

describe("storeFullResponse", () => {
  it("answers 503 with Retry-After and a message that says the disk is full, in the request's encoding", async () => {
    const err = new StoreFullError("/data/sightline");
    const res = storeFullResponse(err, "json", "traces", 0, () => undefined);
    expect(res.status).toBe(503);
    expect(res.headers.get("retry-after")).toBe(String(STORE_FULL_RETRY_AFTER_S));
    const body = (await res.json()) as { code: number; message: string; error: { code: string } };
    expect(body.code).toBe(14); // UNAVAILABLE
    expect(body.error.code).toBe("store_disk_full");
    expect(body.message).toMatch(/^Disk full: the disk holding the store \(\/data\/sightline\) is full/);

    const proto = storeFullResponse(err, "protobuf", "traces", 0, () => undefined);
    expect(proto.status).toBe(503);
    expect(proto.headers.get("content-type")).toBe("application/x-protobuf");
    expect(Buffer.from(await proto.arrayBuffer()).toString("utf8")).toContain("Disk full");
  });

  it("logs one line at most every 10 s, counting the batches refused meanwhile", () => {
    const lines: string[] = [];
    const log = (line: string) => lines.push(line);
    const err = new StoreFullError("/d");
    storeFullResponse(err, "json", "logs", 1_000_000, log);
    storeFullResponse(err, "json", "logs", 1_001_000, log);
    storeFullResponse(err, "json", "logs", 1_002_000, log);
    storeFullResponse(err, "json", "logs", 1_010_500, log);
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain("3 batches since the last report");
    expect(lines.every((l) => !l.includes("\n"))).toBe(true);
  });
});
