import { describe, expect, it } from "vitest";
import { ApiError } from "../../http/api-error";
import { retryThrottled } from "./throttle-retry";

const backoff = { baseMs: 1, maxMs: 2, retries: 2 };
const throttled = () => new ApiError(503, "aws_throttled", "X-Ray is throttling");

describe("retryThrottled", () => {
  it("tries a throttled load again, up to `retries` more times", async () => {
    let calls = 0;
    const value = await retryThrottled(async () => {
      calls += 1;
      if (calls <= 2) throw throttled();
      return "ok";
    }, backoff);
    expect([value, calls]).toEqual(["ok", 3]);
  });

  it("gives up with the throttling error after `retries` more tries", async () => {
    let calls = 0;
    const error = await retryThrottled(async () => {
      calls += 1;
      throw throttled();
    }, backoff).catch((e: unknown) => e);
    expect(ApiError.is(error) && error.code).toBe("aws_throttled");
    expect(calls).toBe(3);
  });

  it("does not retry anything else", async () => {
    let calls = 0;
    const denied = new ApiError(502, "aws_access_denied", "denied");
    await expect(
      retryThrottled(async () => {
        calls += 1;
        throw denied;
      }, backoff),
    ).rejects.toBe(denied);
    expect(calls).toBe(1);
  });
});
