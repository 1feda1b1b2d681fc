/**
 * OTLP senders for the endurance suites: protobuf batches of bench/otlp-batches.ts (512 spans, 16
 * traces of 32), posted back to back; each batch's traces are recorded as acknowledged (200) or
 * only attempted, and other answers are kept by status.
 */
import { encodeBatch } from "../../../bench/otlp-batches";
import { fetchRetryingReset } from "../load/fetch-retry";

export const SPANS_PER_TRACE = 32;

export interface IngestLedger {
  acknowledged: string[];
  attempted: string[];
  /** Answers other than 200, by status (0: the connection failed). */
  refused: Map<number, number>;
  /** The first refusal's body, as text. */
  firstRefusal?: string;
}

export const newLedger = (): IngestLedger => ({ acknowledged: [], attempted: [], refused: new Map() });

/** One batch; resolves with the answer's status (0 when the connection failed) and its body text. */
export async function postBatch(base: string, ledger: IngestLedger): Promise<{ status: number; body: string; retryAfter: string | null }> {
  const { body, traceIds } = encodeBatch(Date.now() - 60_000);
  ledger.attempted.push(...traceIds);
  let status = 0;
  let text = "";
  let retryAfter: string | null = null;
  try {
    // A reset keep-alive connection is retried once, as an exporter would (see fetch-retry.ts).
    const res = await fetchRetryingReset(`${base}/v1/traces`, { method: "POST", body, headers: { "content-type": "application/x-protobuf" } });
    status = res.status;
    retryAfter = res.headers.get("retry-after");
    // A failure's google.rpc.Status is protobuf: its message is readable UTF-8 among the bytes.
    text = Buffer.from(await res.arrayBuffer()).toString("utf8");
  } catch (err) {
    text = err instanceof Error ? err.message : String(err);
  }
  if (status === 200) ledger.acknowledged.push(...traceIds);
  else {
    ledger.refused.set(status, (ledger.refused.get(status) ?? 0) + 1);
    ledger.firstRefusal ??= `${status} ${text.replace(/[^\x20-\x7e]/g, "").slice(0, 200)}`;
  }
  return { status, body: text, retryAfter };
}

/** `senders` loops posting batches until `stop()` is true. */
export async function sendUntil(base: string, senders: number, ledger: IngestLedger, stop: () => boolean): Promise<void> {
  await Promise.all(
    Array.from({ length: senders }, async () => {
      while (!stop()) await postBatch(base, ledger);
    }),
  );
}

/**
 * Span counts of `traceIds` as the API answers them (0 for a 404), `concurrency` requests at a
 * time. Other answers than 200 and 404 are returned as errors.
 */
export async function spanCounts(base: string, traceIds: readonly string[], concurrency = 16): Promise<{ counts: Map<string, number>; errors: string[] }> {
  const counts = new Map<string, number>();
  const errors: string[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < traceIds.length) {
        const id = traceIds[next++];
        try {
          const res = await fetchRetryingReset(`${base}/api/traces/${id}`);
          if (res.status === 200) counts.set(id, ((await res.json()) as { trace: { spans: unknown[] } }).trace.spans.length);
          else {
            if (res.status !== 404 && errors.length < 5) errors.push(`${id}: ${res.status} ${(await res.text()).slice(0, 120)}`);
            counts.set(id, 0);
          }
        } catch (err) {
          if (errors.length < 5) errors.push(`${id}: ${String(err)}`);
          counts.set(id, -1);
        }
      }
    }),
  );
  return { counts, errors };
}

/** Acknowledged traces that do not have all their spans. */
export function missing(acknowledged: readonly string[], counts: ReadonlyMap<string, number>): string[] {
  return acknowledged.filter((t) => counts.get(t) !== SPANS_PER_TRACE);
}

/** Spans of acknowledged traces that are not there (a trace read with fewer spans, or not at all). */
export function lostSpans(acknowledged: readonly string[], counts: ReadonlyMap<string, number>): number {
  return acknowledged.reduce((n, t) => n + Math.max(0, SPANS_PER_TRACE - Math.max(0, counts.get(t) ?? 0)), 0);
}
