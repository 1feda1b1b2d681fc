/**
 * What every fault scenario works with: the app (aws mode) and the AWS test server it talks to,
 * the app's HTTP API as the browser uses it, and the test server's control API.
 */
import type { ChildProcess } from "node:child_process";
import { seedKnownTrace } from "../../../bench/aws-seed";
import type { KnownTrace } from "../../../e2e/support/known-trace";
import type { RecordedCall, ServerSettings } from "../../aws-server/types";
import type { Check, Figure } from "../report";

export interface ApiAnswer {
  status: number;
  /** The JSON body (null when there was none, or the request gave up). */
  body: unknown;
  ms: number;
  /** The request got no answer within its bound (a hang). */
  hung: boolean;
}

export interface Harness {
  app: string;
  control: string;
  appProcess: ChildProcess;
  /** A GET (or DELETE) to the app, given up after `boundMs`. */
  request(path: string, options?: { method?: "GET" | "DELETE"; boundMs?: number }): Promise<ApiAnswer>;
  /** POST to the control API. */
  post(path: string, body: unknown): Promise<void>;
  /** Every AWS call the test server received since the last reset. */
  calls(): Promise<RecordedCall[]>;
  /** Faults, recorded calls and settings back to normal. */
  reset(): Promise<void>;
  configure(settings: Partial<ServerSettings>): Promise<void>;
  /** A fresh known trace (new IDs: nothing the app has cached) with its logs, stored upstream. */
  seed(): Promise<KnownTrace>;
  /** A time window no earlier request used (the app caches lists, graphs and stats per window). */
  freshWindow(): { from: number; to: number };
}

const DEFAULT_QUERY_RUN_MS = 300;

export function createHarness(app: string, control: string, appProcess: ChildProcess): Harness {
  let windowShift = 0;
  const post = async (path: string, body: unknown) => {
    const res = await fetch(`${control}${path}`, { method: "POST", body: JSON.stringify(body) });
    if (!res.ok) throw new Error(`control ${path}: ${res.status} ${await res.text()}`);
  };
  return {
    app,
    control,
    appProcess,
    async request(path, { method = "GET", boundMs = 60_000 } = {}) {
      const started = Date.now();
      try {
        const res = await fetch(`${app}${path}`, { method, signal: AbortSignal.timeout(boundMs) });
        const text = await res.text();
        let body: unknown = null;
        try {
          body = text ? JSON.parse(text) : null;
        } catch {
          body = text;
        }
        return { status: res.status, body, ms: Date.now() - started, hung: false };
      } catch (error) {
        const hung = error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError");
        return { status: 0, body: hung ? null : String(error), ms: Date.now() - started, hung };
      }
    },
    post,
    async calls() {
      return (await (await fetch(`${control}/calls`)).json()) as RecordedCall[];
    },
    async reset() {
      await post("/reset", {});
      await post("/configure", { latencyMs: {}, queryRunMs: DEFAULT_QUERY_RUN_MS, maxConcurrentQueries: 30 });
    },
    configure: (settings) => post("/configure", settings),
    seed: () => seedKnownTrace(control),
    freshWindow() {
      // Whole minutes back from now, one more each time: distinct cache keys, same data.
      windowShift += 1;
      const to = Date.now() - windowShift * 1_000;
      return { from: to - 3_600_000, to };
    },
  };
}

/** What one scenario found. */
interface ScenarioOutcome {
  checks: Check[];
  figures: Figure[];
  /** Injected faults the test server answered with. */
  faultsInjected: number;
}

export interface Scenario {
  id: string;
  run(h: Harness): Promise<ScenarioOutcome>;
}

/** The error body of the contract: `{ error: { code, message } }`. */
export function errorOf(body: unknown): { code: string; message: string } | null {
  if (typeof body !== "object" || body === null || !("error" in body)) return null;
  const e = (body as { error: unknown }).error;
  if (typeof e !== "object" || e === null) return null;
  const { code, message } = e as { code?: unknown; message?: unknown };
  return typeof code === "string" && typeof message === "string" ? { code, message } : null;
}

/** Calls per operation name. */
export function countByOp(calls: readonly RecordedCall[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const c of calls) out[c.op] = (out[c.op] ?? 0) + 1;
  return out;
}

export const faultsAnswered = (calls: readonly RecordedCall[]) => calls.filter((c) => c.fault !== undefined).length;

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
