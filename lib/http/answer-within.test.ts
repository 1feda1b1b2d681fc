import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { answerWithin } from "./answer-within";

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

const after = <T>(ms: number, value: T) => new Promise<T>((resolve) => setTimeout(() => resolve(value), ms));

describe("answerWithin", () => {
  it("is the value when it comes in time", async () => {
    const answer = answerWithin(after(100, "rows"), 1_000);
    await vi.advanceTimersByTimeAsync(100);
    await expect(answer).resolves.toBe("rows");
  });

  it("is null when it does not, and the work goes on for whoever asks next", async () => {
    const work = after(5_000, "rows");
    const answer = answerWithin(work, 1_000);
    await vi.advanceTimersByTimeAsync(1_000);
    await expect(answer).resolves.toBeNull();
    await vi.advanceTimersByTimeAsync(4_000);
    await expect(work).resolves.toBe("rows");
  });

  it("passes a rejection in time on; one that comes late is null here", async () => {
    const early = answerWithin(Promise.reject(new Error("not found")), 1_000);
    await expect(early).rejects.toThrow("not found");
    const late = answerWithin(
      after(5_000, null).then(() => {
        throw new Error("late");
      }),
      1_000,
    );
    await vi.advanceTimersByTimeAsync(1_000);
    await expect(late).resolves.toBeNull();
    await vi.advanceTimersByTimeAsync(5_000);
  });
});
