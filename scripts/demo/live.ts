/**
 * Live traffic: after the generated hour, one more trace every 2–5 s until stopped, so that
 * "the last 15 minutes" always has data. The mix continues the hour's timeline, so past the
 * incident it is the recovered baseline.
 */
import { setTimeout as sleep } from "node:timers/promises";
import { createRandom, deriveSeed } from "./random";
import { SETTLE_MS } from "./scenario";
import { openSession } from "./session";

export interface LiveOptions {
  baseUrl: string;
  seed: number;
  /** The `now` the generated hour ended at: the incident stays where it was. */
  anchor: number;
  signal: AbortSignal;
  /** A failed export does not stop the feed (the server may be restarting); it is reported here. */
  onError(error: unknown): void;
}

/** Runs until `signal` aborts, then flushes what is left and shuts the SDK down. */
export async function sendLiveTraffic(options: LiveOptions): Promise<void> {
  const { signal } = options;
  const session = openSession({ baseUrl: options.baseUrl, seed: options.seed, now: options.anchor, stream: "live" });
  const pace = createRandom(deriveSeed(options.seed, "live:pace"));
  try {
    while (!signal.aborted) {
      await sleep(pace.between(2000, 5000), undefined, { signal }).catch(() => undefined);
      if (signal.aborted) break;
      // Planned as if it started SETTLE_MS ago, so that it has fully happened (async work included) when sent.
      session.send(session.scenario.planTrace(Date.now() - SETTLE_MS));
      await session.flush().catch(options.onError);
    }
  } finally {
    await session.close().catch(options.onError);
  }
}
