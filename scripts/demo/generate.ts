/**
 * generateIncident: sends an hour of the shop's traffic, with its incident, to a Sightline (or any
 * OTLP/HTTP) endpoint, and resolves once the server has acknowledged every span and log line.
 */
import { CATEGORIES } from "./span-plan";
import type { Category } from "./span-plan";
import { openSession } from "./session";

export const DEFAULT_TRACES = 600;
/** Any seed works; this one lands close to the intended mix at the default 600 traces. */
export const DEFAULT_SEED = 50;
/** Traces per flush: bounds the SDK queues and lets a failing server stop the run early. */
const FLUSH_EVERY = 100;

export interface GenerateOptions {
  /** Where Sightline listens: spans go to `{baseUrl}/v1/traces`, logs to `{baseUrl}/v1/logs`. */
  baseUrl: string;
  /** The end of the simulated hour (epoch ms); default Date.now(). */
  now?: number;
  traces?: number;
  seed?: number;
  /** Called after each acknowledged batch of traces. */
  onProgress?(progress: { sent: number; total: number }): void;
}

export interface GenerateResult {
  traces: number;
  spans: number;
  logs: number;
  /** W3C form (32 lowercase hex), in start order. */
  traceIds: string[];
  /** How many traces of each category were sent. */
  mix: Record<Category, number>;
}

export async function generateIncident(options: GenerateOptions): Promise<GenerateResult> {
  const traces = options.traces ?? DEFAULT_TRACES;
  if (!Number.isInteger(traces) || traces < 1) throw new RangeError(`traces must be a positive integer, got ${traces}`);
  const session = openSession({
    baseUrl: options.baseUrl,
    seed: options.seed ?? DEFAULT_SEED,
    now: options.now ?? Date.now(),
    stream: "incident",
  });
  const result: GenerateResult = {
    traces: 0,
    spans: 0,
    logs: 0,
    traceIds: [],
    mix: Object.fromEntries(CATEGORIES.map((c) => [c, 0])) as Record<Category, number>,
  };

  try {
    const plans = session.scenario.planHour(traces);
    for (let first = 0; first < plans.length; first += FLUSH_EVERY) {
      for (const plan of plans.slice(first, first + FLUSH_EVERY)) {
        const emitted = session.send(plan);
        result.traces++;
        result.spans += emitted.spans;
        result.logs += emitted.logs;
        result.traceIds.push(emitted.traceId);
        result.mix[plan.category]++;
      }
      await session.flush();
      options.onProgress?.({ sent: result.traces, total: traces });
    }
  } catch (error) {
    // Release the exporters, but report the failure that stopped the run, not what shutting down adds to it.
    await session.close().catch(() => undefined);
    throw error;
  }
  await session.close();
  return result;
}
