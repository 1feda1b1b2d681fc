/** Exponential backoff with jitter, for the retries Sightline does on top of the SDK's own. */

export interface Backoff {
  /** The delay before retry 1; each next retry doubles it. */
  baseMs: number;
  /** No delay is longer than this. */
  maxMs: number;
  /** Retries at most (not counting the first try). */
  retries: number;
}

/**
 * The delay before retry `attempt` (0-based): min(max, base · 2^attempt), of which a random
 * half is jitter, so that many waiting callers do not come back all at once.
 */
export function backoffDelay(backoff: Backoff, attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(backoff.maxMs, backoff.baseMs * 2 ** attempt);
  return ceiling / 2 + random() * (ceiling / 2);
}

/** A timer that does not keep the process alive. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
