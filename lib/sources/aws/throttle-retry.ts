/**
 * X-Ray reads throttled beyond the SDK's own retries: tried again, whole, after a backoff, a
 * bounded number of times (each try being up to the SDK's maxAttempts), so that a page does not
 * fail on a burst of throttling that outlasts one call's retries.
 */
import { ApiError } from "../../http/api-error";
import { type Backoff, backoffDelay, sleep } from "./backoff";

export const DEFAULT_THROTTLE_BACKOFF: Backoff = { baseMs: 1_000, maxMs: 4_000, retries: 2 };

export async function retryThrottled<T>(load: () => Promise<T>, backoff: Backoff): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await load();
    } catch (error) {
      if (!(ApiError.is(error) && error.code === "aws_throttled") || attempt >= backoff.retries) throw error;
      await sleep(backoffDelay(backoff, attempt));
    }
  }
}
